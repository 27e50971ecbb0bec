"""Each extraction rule, shown firing on a sentence and holding back on another.

Sentences are written for the test, in the English of abstracts; none is copied from the dev gold.
"""
import pytest

from extract import Paper, extract_records


def records(abstract, title="A Study of Things"):
    return extract_records(Paper(title=title, abstract=abstract))


def only(abstract, title="A Study of Things"):
    found = records(abstract, title)
    assert len(found) == 1, [(r.value_mention, r.benchmark, r.metric) for r in found]
    return found[0]


def values(abstract, title="A Study of Things"):
    return [r.value for r in records(abstract, title)]


# ------------------------------------------------------------------ hold-back rules

class TestYearRule:
    def test_holds_back_a_year(self):
        assert values("In 2023, the model reached state-of-the-art accuracy on MMLU.") == []

    def test_holds_back_a_year_and_month(self):
        assert values("On LiveCodeBench problems from 2024.08 to 2025.02, pass@1 reaches 41.2%.") == [41.2]

    def test_fires_on_a_four_digit_score_with_a_unit(self):
        assert values("The model reaches 2023 FPS in real-time inference on a single A100.") == [2023]


class TestSizeOrCountRule:
    def test_holds_back_a_model_size(self):
        assert values("We train a 7B base model and a 70B chat model on GSM8K.") == []

    def test_fires_on_a_scaled_number_with_a_unit(self):
        assert only("Training takes 1.2M GPU hours on H100.").value == 1_200_000


class TestCountRule:
    def test_holds_back_a_count_after_one_word(self):
        assert values("It produces mel-spectrograms in as few as 4 sampling steps on LibriTTS.") == []

    def test_holds_back_a_count_of_things(self):
        assert values("We evaluate on 400 GPUs across 12 datasets with accuracy as metric.") == []

    def test_fires_when_the_count_is_compared(self):
        assert values("Our method uses 40% fewer parameters than LoRA on GLUE.") == [40]


class TestDataAmountRule:
    def test_holds_back_hours_of_music_trained_on(self):
        assert only("It was trained on 19,000 hours of licensed music and reaches a FAD of 1.2 on MusicCaps.").value \
            == 1.2

    def test_holds_back_hours_of_speech(self):
        assert values("We train on 960 hours of speech and report word error rate.") == []

    def test_holds_back_hours_that_size_a_named_data_set(self):
        assert values("On the 2000 hours Fisher task, the model improves word error rate.") == []

    def test_holds_back_hours_of_a_named_data_set(self):
        assert values("Trained on the 960 hours of LibriSpeech, it reaches 2.3% WER on LibriSpeech test-clean.") == [2.3]

    def test_holds_back_hours_of_labelled_data_in_either_spelling(self):
        assert values("With only 10 hours of labelled data, it reaches 4.9% WER on LibriSpeech test-clean.") == [4.9]

    def test_holds_back_hours_of_weakly_labelled_audio(self):
        assert values("Pre-trained on 680K hours of weakly labelled audio, it reaches 2.1% WER on "
                      "LibriSpeech test-clean.") == [2.1]

    def test_holds_back_the_length_of_the_inputs(self):
        assert values("It processes videos of up to 3 hours with 16K memory tokens on Video-MME.") == []

    def test_holds_back_hours_of_a_described_kind_of_data(self):
        assert values("It is trained on 100K hours of multilingual speech and reaches 2.1% WER on "
                      "LibriSpeech test-clean.") == [2.1]

    def test_fires_on_hours_of_training(self):
        assert only("Training finishes in 12 hours on 8 V100 GPUs.").unit == "hours"


class TestDeviceSpecRule:
    def test_holds_back_the_memory_of_a_device(self):
        assert values("All our experiments run in LLM training on one V100 GPU with 16 GB of memory.") == []

    def test_holds_back_a_devices_memory_capacity(self):
        assert values("In LLM training, even GPUs with the largest memory capacity, now at 80GB, are too small.") == []

    def test_fires_on_memory_used_beside_a_capacity(self):
        r = only("On GPUs of any capacity, it needs 18GB of GPU memory in LLM fine-tuning.")
        assert (r.value, r.unit, r.metric) == (18, "GB", "memory")

    def test_fires_on_a_bound_on_memory(self):
        r = only("We fine-tune in LLM fine-tuning on a GPU with less than 8 GiB of memory.")
        assert (r.value, r.unit, r.kind, r.qualifier) == (8, "GiB", "cost", "less than")


class TestSettingRule:
    def test_holds_back_a_count_a_budget_allows(self):
        assert values("On GSM8K, it reaches 56.9% accuracy. It plans its answers within a budget of 500 model "
                      "calls.") == [56.9]

    def test_fires_on_a_budget_in_money_which_is_a_cost(self):
        r = only("It trains CLIP on LAION within a budget of $10,000.")
        assert (r.value, r.kind) == (10_000, "cost")

    def test_holds_back_a_threshold_that_defines_a_group(self):
        assert only("For reduced ejection fraction (≤40%) it obtains an AUROC of 0.921 on PTB-XL.").value == 0.921

    def test_fires_on_a_bracketed_comparison_that_is_a_gain(self):
        assert only("It improves accuracy on PTB-XL (>3%) over the baseline.").value == 3

    def test_holds_back_the_share_kept(self):
        assert values("A learned pruning head keeps only the top 8% of candidate spans on GENIA.") == []

    def test_holds_back_a_statistic_of_the_findings(self):
        assert values("Chunking strategies yield 22% variance in retrieval precision on PubMed.") == []

    def test_holds_back_an_experimental_setting(self):
        assert values("The pruned network keeps its accuracy on ImageNet at 90% sparsity.") == []

    def test_holds_back_a_fraction_of_the_parameters(self):
        assert values("Tuning only 0.1% of the parameters suffices on GLUE.") == []

    def test_holds_back_a_fraction_of_described_things(self):
        assert values("It drops 50% of the patch tokens during training and reaches an FID of 2.1 on "
                      "ImageNet 256x256.") == [2.1]

    def test_holds_back_a_fraction_of_the_test_items(self):
        assert values("On MovieLens-1M, where 5% of test items are new, it improves Recall@10 by 12%.") == [12]

    def test_holds_back_steps_a_result_was_reached_with(self):
        assert values("It attains an FID of 1.98 on CIFAR-10 with 2 sampling steps.") == [1.98]

    def test_fires_on_fewer_steps(self):
        assert values("It needs 2.3x fewer sampling steps on CIFAR-10.") == [2.3]

    def test_holds_back_a_target(self):
        assert values("On ShareGPT it gives 2.7x higher request throughput than vLLM at the same latency target "
                      "of 1 second per output token.") == [2.7]

    def test_holds_back_a_target_in_a_metric(self):
        assert values("It reaches the 3.28 validation loss target on FineWeb in 2.9 hours.") == [2.9]

    def test_holds_back_a_price_per_unit(self):
        assert values("The complete run costs about $70 at a rate of $3 per GPU-hour in GPT-2 training.") == [70]

    def test_holds_back_a_list_of_settings_named_once(self):
        assert values("It is 1.8x and 2.4x faster than FlashAttention-3 at 75% and 87.5% block sparsity, "
                      "respectively, in attention inference.") == [1.8, 2.4]

    def test_holds_back_a_sampling_temperature(self):
        assert values("It achieves speedups of 3.41x at temperature 0 on Spec-Bench.") == [3.41]

    def test_holds_back_a_service_level_objective(self):
        found = records("It sustains 2.3x higher goodput than vLLM under an SLO of 200 ms TTFT on ShareGPT.")
        assert [(r.value, r.benchmark) for r in found] == [(2.3, "ShareGPT")]

    def test_holds_back_a_budget_and_its_metric(self):
        r = only("At a 10% cache budget, it retains 96.4% accuracy on LongBench.")
        assert (r.value, r.metric) == (96.4, "accuracy")

    def test_holds_back_the_size_of_chunks(self):
        assert values("It processes audio in 640 ms chunks and reaches 5.1% WER on LibriSpeech test-other.") == [5.1]

    def test_fires_on_a_result_after_the_setting(self):
        assert values("At 90% sparsity the network keeps 75.1% top-1 accuracy on ImageNet.") == [75.1]


class TestUnmeasuredNumberRule:
    def test_holds_back_a_bare_number(self):
        assert values("We release 3 checkpoints and 25 prompts for MMLU.") == []

    def test_fires_on_a_bare_number_named_by_its_metric(self):
        assert only("Our detector reaches 52.3 AP on COCO.").metric == "AP"

    def test_fires_on_a_generic_score_in_the_benchmarks_metric(self):
        r = only("Our model attains a state-of-the-art score of 60.4 on AIME 2024.")
        assert (r.value, r.metric) == (60.4, "accuracy")

    def test_holds_back_a_generic_score_with_no_benchmark(self):
        assert values("Annotators give each answer a score of 3 at most.") == []

    def test_fires_on_a_bracketed_delta(self):
        found = records("Recall@5 on TriviaQA rises to 81.2%(+1.9).")
        assert [(r.value, r.kind) for r in found] == [(81.2, "score"), (1.9, "relative")]


class TestFactorWithoutComparisonRule:
    def test_holds_back_an_upsampling_factor(self):
        assert values("The decoder applies a 4x upsampling before the head on Cityscapes.") == []

    def test_fires_on_a_compared_factor(self):
        r = only("Inference is 3.5x faster than the baseline on an RTX 4090.")
        assert (r.value, r.metric, r.kind) == (3.5, "speedup", "relative")


class TestEnumerationRule:
    def test_holds_back_list_markers(self):
        assert values("We address (1) low GPU utilization and (2) limited memory in LLM training.") == []

    def test_fires_on_a_bracketed_result(self):
        assert values("A deeper ResNet on CIFAR-10 (3.9% error) beats the baseline.") == [3.9]


class TestCompoundModifierRule:
    def test_holds_back_a_hyphenated_number(self):
        assert values("We quantize weights to 4-bit precision and keep a 1001-layer ResNet.") == []

    def test_fires_on_a_factor_written_with_fold(self):
        assert only("This gives a 10-fold speedup in LLM inference.").value == 10


class TestQuotedExampleRule:
    def test_holds_back_a_number_in_an_example_phrase(self):
        assert values('Models misread the phrase "10 dollars per kilo" in reasoning tests.') == []

    def test_fires_outside_the_quotes(self):
        assert values('On "hard" questions, the model reaches 61.0% accuracy on GPQA.') == [61.0]


# ------------------------------------------------------------------ metric rules

class TestMetricRules:
    def test_a_bare_number_a_verb_of_scoring_puts_on_a_benchmark_is_a_score(self):
        r = only("RubricRM-27B achieves 93.2 on RewardBench, ahead of BT-27B.")
        assert (r.value, r.benchmark, r.metric) == (93.2, "RewardBench", "score")

    def test_a_percentage_a_verb_of_scoring_puts_on_a_benchmark_is_an_accuracy(self):
        r = only("RubricRM-27B reaches 91.2% on RewardBench, ahead of BT-27B.")
        assert (r.value, r.benchmark, r.metric) == (91.2, "RewardBench", "accuracy")

    def test_a_verb_of_scoring_reaches_over_words_that_describe_the_benchmark(self):
        r = only("It reaches 86.1 on the more challenging KRAKEN benchmark.")
        assert (r.value, r.benchmark, r.metric, r.kind) == (86.1, "KRAKEN", "score", "score")

    def test_a_bare_number_on_a_described_benchmark_without_a_verb_of_scoring_is_no_score(self):
        assert values("We use a batch size of 256 on the widely used ImageNet.") == []

    def test_a_bare_numbers_metric_may_follow_the_level_it_is_counted_at(self):
        r = only("On CoNLL-2003 it reaches 92.1 field-level F1.")
        assert (r.value, r.metric) == (92.1, "F1")

    def test_a_bare_numbers_metric_is_not_read_across_other_words(self):
        assert values("On CoNLL-2003 it uses 4 token-level heads for F1.") == []

    def test_numbers_and_metrics_listed_with_slashes_pair_in_order(self):
        found = records("It reaches an AP/AP50/AP75 of 45.1/63.2/48.9 on COCO.")
        assert [(r.value, r.metric) for r in found] == [(45.1, "AP"), (63.2, "AP50"), (48.9, "AP75")]

    def test_a_shorthand_slash_listing_of_metrics_shares_the_first_ones_stem(self):
        found = records("PtC achieves ROUGE-1/2/L scores of 50.9/22.4/45.8 on arXiv.")
        assert [(r.value, r.metric) for r in found] == [(50.9, "ROUGE-1"), (22.4, "ROUGE-2"), (45.8, "ROUGE-L")]

    def test_slash_listings_of_different_lengths_do_not_pair(self):
        found = records("It reaches an AP/AP50 of 45.1/63.2/48.9 on COCO.")
        assert len(found) == 3 and len({r.metric for r in found}) == 1

    def test_bare_scores_listed_on_benchmarks_are_in_the_first_ones_metric(self):
        found = records("Lumen-MoE scores 67.4 on MMLU, 48.9 on MMLU-Pro and 73.2 on GSM8K.")
        assert [(r.value, r.benchmark, r.metric) for r in found] == \
            [(67.4, "MMLU", "accuracy"), (48.9, "MMLU-Pro", "accuracy"), (73.2, "GSM8K", "accuracy")]

    def test_a_bare_number_outside_a_list_of_scores_is_still_held_back(self):
        assert values("Lumen-MoE scores 67.4 on MMLU, with 12 experts and 2 shared ones.") == [67.4]

    def test_a_change_between_two_methods_numbers_is_in_the_clauses_metric(self):
        found = records("On GSM8K, PathRL improves accuracy from 61.2 with GRPO to 66.8.", title="PathRL: Things")
        assert [(r.value, r.metric, r.method) for r in found] == \
            [(61.2, "accuracy", "GRPO"), (66.8, "accuracy", "PathRL")]

    def test_points_gained_are_in_the_metric_of_the_score_they_are_gained_on(self):
        found = records("On CIFAR-10 it reaches 61.3% robust accuracy, an improvement of 2.6 points over the previous "
                        "best method.")
        assert [(r.value, r.metric) for r in found] == [(61.3, "robust accuracy"), (2.6, "robust accuracy")]

    def test_gains_listed_respectively_are_in_the_measures_of_the_scores_in_order(self):
        found = records("On CrossCodeEval, it attains an exact match of 38.9% and an identifier F1 of 67.2%, "
                        "outperforming retrieval by 5.1 and 4.3 points, respectively.")
        assert [(r.value, r.metric, r.kind) for r in found][2:] == \
            [(5.1, "exact match", "relative"), (4.3, "F1", "relative")]

    def test_gains_listed_respectively_against_as_many_benchmarks_do_not_pair_with_the_scores(self):
        found = records("On CrossCodeEval, it attains an exact match of 38.9% and an identifier F1 of 67.2%, "
                        "outperforming retrieval by 5.1, 4.3 and 2.2 points on Python, Java and Go, respectively.")
        assert len({r.metric for r in found[2:]}) == 1

    @pytest.mark.parametrize("written", ["faster", "FASTER", "faſter"])  # ſ: the pattern reads it as "s"
    def test_a_comparison_word_implies_the_metric_in_any_spelling_the_pattern_accepts(self, written):
        assert only(f"It is 3x {written} on ImageNet.").metric == "speedup"

    def test_a_score_named_only_as_a_score_is_in_the_benchmarks_metric_or_a_score(self):
        found = records("KVZip achieves an average LongBench score of 48.7 versus 49.1 for the full cache.")
        assert [(r.value, r.metric) for r in found] == [(48.7, "score"), (49.1, "score")]

    def test_a_ratio_is_no_score(self):
        assert only("It leads to a superior speedup performance up to 3.79x on text generation benchmarks.").metric \
            == "speedup"

    def test_a_bare_number_on_a_benchmark_without_a_verb_of_scoring_is_held_back(self):
        assert values("We train with batch size 256 on ImageNet.") == []

    def test_a_value_set_against_another_shares_its_metric(self):
        found = records("It yields a WikiText-2 perplexity of 3.85, versus 4.49 for GPTQ at the same bit-width.")
        assert [(r.value, r.metric, r.method) for r in found][1:] == [(4.49, "perplexity", "GPTQ")]

    def test_values_listed_after_versus_share_the_metric(self):
        found = records("It reaches an FID of 1.41 on ImageNet 256x256, compared with 2.27 for DiT-XL/2 and 1.80 for SiT-XL.")
        assert [(r.value, r.metric, r.method) for r in found][1:] == [(2.27, "FID", "DiT-XL/2"), (1.8, "FID", "SiT-XL")]

    def test_a_value_set_against_another_takes_the_metric_of_the_one_in_its_unit(self):
        found = records("It reaches 83.2% top-1 accuracy on ImageNet-1K after 9 hours on 8 GPUs, compared with 81.8% "
                        "for the DeiT-B recipe.")
        assert [(r.value, r.metric, r.benchmark) for r in found][2:] == [(81.8, "top-1 accuracy", "ImageNet-1K")]

    def test_a_bare_number_in_brackets_after_a_name_is_that_models(self):
        found = records("Our PRM reaches 71.2 F1 on ProcessBench, surpassing Qwen2.5-Math-PRM-7B (65.4).")
        assert [(r.value, r.metric, r.method) for r in found][1:] == [(65.4, "F1", "Qwen2.5-Math-PRM-7B")]

    def test_a_bare_number_in_brackets_after_a_word_is_held_back(self):
        assert values("Our PRM is trained on ProcessBench (65.4) with care.") == []

    def test_a_change_from_one_value_to_another_is_in_the_clauses_metric(self):
        found = records("It improves nDCG@10 on TREC DL 2019 from 44.5 to 63.1.")
        assert [(r.value, r.metric) for r in found] == [(44.5, "NDCG@10"), (63.1, "NDCG@10")]

    def test_a_bare_number_after_from_without_a_metric_is_held_back(self):
        assert values("Our method scales from 64 to 512 nodes on TREC DL 2019.") == []

    def test_a_saving_is_a_cost(self):
        r = only("It brings a 5x saving for autoregressive language models.")
        assert (r.metric, r.kind, r.benchmark) == ("cost", "relative", "autoregressive language models")

    def test_a_saving_in_a_named_metric_keeps_it(self):
        assert only("It brings a 5x saving in memory for LLM inference.").metric == "memory"

    def test_adjacent_metric_after_the_number(self):
        assert only("It achieves 43.1% accuracy on AIME 2024.").metric == "accuracy"

    def test_a_metric_glued_to_its_number(self):
        found = records("It reaches 50.4AP (+2.2) on COCO.")
        assert [(r.value, r.metric, r.kind, r.benchmark) for r in found] == [
            (50.4, "AP", "score", "COCO"), (2.2, "AP", "relative", "COCO")]

    def test_letters_glued_to_a_number_that_name_no_metric_are_no_metric(self):
        assert values("It fits 3D scenes with 50.4 FPS in rendering.") == [50.4]

    def test_adjacent_metric_before_the_number(self):
        assert only("On HumanEval, pass@1 reaches 71.5%.").metric == "pass@1"

    def test_a_metric_owned_by_another_number_is_not_reused(self):
        found = records("The detector reaches 55.0% AP at 90 FPS on COCO.")
        assert [(r.value, r.metric) for r in found] == [(55.0, "AP"), (90, "throughput")]

    def test_respectively_pairs_numbers_with_metrics(self):
        found = records("In LLM training, we reach 13.7x and 3.0x maximum batch size and sequence length respectively.")
        assert [(r.value, r.metric) for r in found] == [(13.7, "maximum batch size"), (3.0, "maximum sequence length")]

    def test_without_respectively_a_list_shares_its_metric(self):
        found = records("In LLM training, we reach 13.7x and 3.0x maximum batch size and sequence length.")
        assert [r.metric for r in found] == ["maximum batch size", "maximum batch size"]

    def test_a_weak_metric_word_counts_only_beside_its_number(self):
        assert only("A deeper ResNet reaches 3.9% error on CIFAR-10.").metric == "error rate"
        assert [r.metric for r in records("On error correction over CIFAR-10, we obtain a 12% improvement.")] == \
            ["top-1 accuracy"]

    def test_a_change_takes_its_own_clauses_metric_not_the_last_score(self):
        found = records("On HumanEval, pass@1 rises from 43.3% to 76.8%, and the execution time decreases by 30.5%.")
        assert [(r.value, r.metric) for r in found][-1] == (30.5, "running time")

    def test_a_metric_given_its_own_value_is_not_the_numbers_before_it(self):
        found = records("On PubMed, small chunks improve precision by 31% (IoU = 0.071).")
        assert [(r.value, r.metric) for r in found] == [(31, "precision"), (0.071, "IoU")]

    def test_a_task_named_in_the_sentence_gives_the_metric(self):
        r = only("For instance segmentation, it beats the best method on the COCO test-dev split (55.3%).")
        assert (r.benchmark, r.metric) == ("COCO test-dev", "mask AP")

    def test_implied_metric_from_a_comparison_word(self):
        assert only("Our kernels make attention 2.4x faster on an A100 GPU.").metric == "speedup"

    def test_unit_implies_the_metric(self):
        assert only("The model decodes at 12.5 ms per token in LLM decoding on an H100.").metric == "latency"

    def test_task_metric_for_a_bare_score(self):
        assert only("Our 7B model scores 58.2% on GSM8K.").metric == "accuracy"

    def test_no_metric_holds_the_number_back(self):
        assert values("The robot waited 37% of the episode in a corner of the room.") == []

    def test_carried_metric_continues_the_last_score(self):
        found = records("Our model reaches 70.2% top-1 accuracy on ImageNet. The larger variant attains 72.9%.")
        assert [(r.value, r.metric) for r in found] == [(70.2, "top-1 accuracy"), (72.9, "top-1 accuracy")]

    def test_improvement_metric_for_an_unnamed_gain(self):
        r = only("We obtain a 12% improvement over prior methods on the ALFWorld benchmark.")
        assert (r.metric, r.kind) == ("performance", "relative")


# ------------------------------------------------------------------ kind rule

class TestKind:
    @pytest.mark.parametrize("sentence, kind", [
        ("Our model reaches 83.4% top-1 accuracy on ImageNet.", "score"),
        ("Our model improves top-1 accuracy on ImageNet by 1.2%.", "relative"),
        ("Our model gains +1.2 top-1 accuracy on ImageNet.", "relative"),
        ("Our model reaches 2.1% higher top-1 accuracy on ImageNet.", "relative"),
        ("Pre-training costs 3,000 GPU hours on ImageNet.", "cost"),
        ("Our model needs only 27% of the training compute on ImageNet.", "relative"),
        ("It saves 42.5% of training costs in LLM training.", "relative"),
        ("It brings a 12% accuracy improvement on ImageNet.", "relative"),
        ("Its accuracy reaches 86.1% on the more challenging ImageNet-A.", "score"),
    ])
    def test_kind(self, sentence, kind):
        assert only(sentence).kind == kind

    def test_a_range_is_read_from_its_first_number(self):
        assert [r.kind for r in records("It outperforms the baseline by 6.2% to 10.5% AUROC on WikiMIA.")] == \
            ["relative", "relative"]


# ------------------------------------------------------------------ benchmark rules

class TestBenchmarkRules:
    def test_benchmark_named_after_the_number(self):
        assert only("It achieves 43.1% accuracy on AIME 2024.").benchmark == "AIME 2024"

    def test_alias_resolves_to_the_canonical_name(self):
        r = only("It reaches 84.9% top-1 accuracy on IN-1K.")
        assert (r.benchmark, r.benchmark_mention) == ("ImageNet-1K", "IN-1K")

    def test_benchmark_named_before_the_number(self):
        assert only("On MNIST, our network achieves 99.4% accuracy.").benchmark == "MNIST"

    def test_a_number_between_keeps_an_earlier_benchmark_from_a_later_number(self):
        found = records("It scores 71.0% on MMLU and 44.2% on GPQA.")
        assert [(r.value, r.benchmark) for r in found] == [(71.0, "MMLU"), (44.2, "GPQA")]

    def test_training_data_is_not_the_benchmark(self):
        assert only("After pre-training with Objects365, the detector reaches 56.1% AP on COCO.").benchmark == "COCO"

    def test_paired_lists(self):
        found = records("It achieves 88.2% and 80.5% mIoU on PASCAL VOC 2012 and Cityscapes.")
        assert [(r.value, r.benchmark) for r in found] == [(88.2, "PASCAL VOC 2012"), (80.5, "Cityscapes")]

    def test_a_range_is_on_one_benchmark(self):
        found = records("It achieves a 21.1% AP gain (from 72.7% to 93.8%) on MVTec AD, and a 19.4% gain on VisA.")
        assert [(r.value, r.benchmark) for r in found][:3] == [(21.1, "MVTec AD"), (72.7, "MVTec AD"), (93.8, "MVTec AD")]

    def test_two_numbers_joined_by_and_share_the_benchmark_after_them(self):
        found = records("On MVTec AD it gains 21.1% PRO, a 19.4% pixel-AP gain and a 14.7% pixel-AUROC gain on VisA.")
        assert [(r.value, r.benchmark) for r in found] == [(21.1, "MVTec AD"), (19.4, "VisA"), (14.7, "VisA")]

    def test_two_numbers_with_their_metrics_joined_by_and_share_the_benchmark_after_them(self):
        found = records("It obtains an AbsRel of 4.3 and a δ1 accuracy of 97.6% on NYU Depth v2.")
        assert [(r.value, r.benchmark) for r in found] == [(4.3, "NYU Depth v2"), (97.6, "NYU Depth v2")]

    def test_a_second_clause_keeps_its_benchmark(self):
        found = records("On LVIS it improves AP by 3% and reaches 50.1% AP on COCO.")
        assert [(r.value, r.benchmark) for r in found] == [(3, "LVIS"), (50.1, "COCO")]

    def test_a_named_task_nearer_the_number_outranks_the_opening_benchmark(self):
        found = records("On the FEMNIST benchmark it achieves 86.2% accuracy, and on the Shakespeare next-character "
                        "task it attains 57.9% accuracy.")
        assert [(r.value, r.benchmark) for r in found] == [
            (86.2, "FEMNIST"), (57.9, "Shakespeare next-character task")]

    def test_a_collection_that_lists_the_benchmark_does_not_replace_it(self):
        found = records("Trained on MNIST, CIFAR-10, and ImageNet-16 datasets, it improves top-1 accuracy by up to 6.3%.")
        assert [r.benchmark for r in found] == ["ImageNet-16"]

    def test_a_benchmark_opening_the_sentence_is_every_numbers(self):
        found = records("On Spec-Bench with Vicuna-13B, it achieves speedups of 3.41x at temperature 0 and 2.87x at "
                        "temperature 1, compared with 2.78x and 2.21x for EAGLE-2.")
        assert {r.benchmark for r in found} == {"Spec-Bench"} and len(found) == 4

    def test_numbers_joined_by_and_share_the_benchmark_before_them(self):
        found = records("On MT-Bench, it achieves a speedup of 3.62x for Vicuna-7B and 3.1x for Vicuna-33B.")
        assert [(r.value, r.benchmark) for r in found] == [(3.62, "MT-Bench"), (3.1, "MT-Bench")]

    def test_a_data_set_fine_tuned_on_is_the_benchmark_when_no_other_is_named(self):
        assert only("Fine-tuned on the BTCV benchmark, it achieves an average Dice score of 85.6%.").benchmark == "BTCV"

    def test_a_workload_across_a_comma_is_another_clauses(self):
        r = only("On the Mip-NeRF 360 dataset, it cuts storage to 29.1 MB per scene, with no loss in rendering quality.")
        assert r.benchmark == "Mip-NeRF 360"

    def test_a_benchmark_not_the_suite_it_comes_from(self):
        assert only("On the BoolQ task from SuperGLUE, it reaches 91.2% accuracy.").benchmark == "BoolQ"

    def test_the_last_of_two_benchmarks_named_before(self):
        assert only("After pre-training, on GLUE and then on SST-2, it reaches 95.1% accuracy.").benchmark == "SST-2"

    def test_the_next_item_of_a_list_is_not_the_benchmark_after(self):
        found = records("It raises GSM8K accuracy from 85.4% to 91.7% and MATH accuracy from 61.3% to 68.0%.")
        assert [(r.value, r.benchmark) for r in found] == [
            (85.4, "GSM8K"), (91.7, "GSM8K"), (61.3, "MATH"), (68.0, "MATH")]

    def test_respectively_leaves_out_the_suite_that_frames_the_sentence(self):
        found = records("On the OGB node benchmarks, it achieves 74.9% accuracy on ogbn-arxiv and 84.2% on "
                        "ogbn-products, and on the pokec and ogbn-papers100M graphs 86.7% and 68.1%, respectively.")
        assert [(r.value, r.benchmark) for r in found][:2] == [(74.9, "ogbn-arxiv"), (84.2, "ogbn-products")]

    def test_a_benchmark_ending_an_earlier_clause_frames_nothing(self):
        found = records("It reaches 34.9% on WeMath, and averages 51.8% across six math benchmarks.")
        assert (51.8, "WeMath") not in [(r.value, r.benchmark) for r in found]

    def test_a_score_in_a_list_of_scores_takes_the_metric_of_the_one_before(self):
        found = records("It achieves 78.2% on CV-Bench, 56.4% on BLINK and 63.9% on KrakenBench-3D.")
        assert [(r.benchmark, r.metric) for r in found][-1] == ("KrakenBench-3D", "accuracy")

    def test_a_listed_score_with_a_metric_of_its_own_keeps_it(self):
        found = records("It achieves 78.2% on CV-Bench, 56.4% on BLINK and 63.9% mIoU on KrakenBench-3D.")
        assert [(r.benchmark, r.metric) for r in found][-1] == ("KrakenBench-3D", "mIoU")

    def test_what_takes_the_time_is_the_workload(self):
        r = only("On a single A100, generating a 5-second clip takes 7.9 seconds.")
        assert (r.benchmark, r.metric, r.hardware) == ("generating a 5-second clip", "latency", "a single A100")

    def test_a_stated_workload_that_trains_takes_training_time(self):
        found = records("PageNet reaches 3.9% CER on IAM. Fine-tuning the recogniser on a new script takes 3 hours.")
        assert [(r.value, r.metric) for r in found] == [(3.9, "character error rate"), (3, "training time")]

    def test_a_clause_joined_by_and_states_its_workload_without_the_and(self):
        found = records("SnapFlow matches the teacher on COCO, and the whole distillation procedure costs 1,800 GPU "
                        "hours.")
        assert [r.benchmark for r in found] == ["the whole distillation procedure"]

    def test_a_subject_that_names_no_workload_is_none(self):
        found = records("PageNet reaches 3.9% CER on IAM. The model takes 12 ms per page on an RTX 4090.")
        assert "The model" not in [r.benchmark for r in found]

    def test_a_collection_in_a_clause_about_the_benchmark_is_its_parts(self):
        r = only("On the GIFT-Eval benchmark, which spans 97 configurations across 7 domains, TempoFlow reaches a "
                 "CRPS of 0.471.")
        assert (r.benchmark, r.metric) == ("GIFT-Eval", "CRPS")

    def test_a_collection_in_the_clause_a_benchmark_frames_is_its_parts(self):
        r = only("On the FLEURS benchmark it reduces the average WER across 102 languages by 11.5% relative to "
                 "Whisper.")
        assert (r.benchmark, r.metric) == ("FLEURS", "word error rate")

    def test_a_collection_after_the_benchmark_in_a_clause_of_its_own_is_the_numbers(self):
        found = records("On GIFT-Eval it reaches a CRPS of 0.47, and across 7 domains it reaches a CRPS of 0.52.")
        assert [r.benchmark for r in found] == ["GIFT-Eval", "7 domains"]

    def test_respectively(self):
        found = records("On the GSM8K and MATH datasets, it achieves a 2.1x speedup and a 1.8x speedup, respectively.")
        assert [(r.value, r.benchmark) for r in found] == [(2.1, "GSM8K"), (1.8, "MATH")]

    def test_a_collection_is_the_benchmark_as_stated(self):
        assert only("It outperforms CLIP by 4.2% accuracy on 11 downstream datasets.").benchmark == \
            "11 downstream datasets"

    def test_sizes_and_tasks_gathered_are_no_collection(self):
        found = records("We evaluate on the RepoBench-C-8k dataset. It cuts computational overhead by 85% "
                        "across all model sizes and tasks.")
        assert [(r.value, r.benchmark) for r in found] == [(85, "RepoBench-C-8k")]

    def test_a_data_set_of_the_sentence_outranks_a_bare_workload(self):
        r = only("It allows real-time decoding of LibriSpeech test-clean on a phone with a real-time factor of 0.31.")
        assert r.benchmark == "LibriSpeech test-clean"

    def test_a_bare_workload_stays_where_the_data_set_is_another_numbers(self):
        found = records("Its WER on LibriSpeech test-clean is 2.1%, and its real-time factor is 0.31 in decoding.")
        assert [(r.value, r.benchmark) for r in found] == [(2.1, "LibriSpeech test-clean"), (0.31, "decoding")]

    def test_a_price_after_a_comma_restates_the_cost_before_it(self):
        found = records("The whole pre-training run took 4 days on 8 H100 GPUs, roughly $2,900.")
        assert [(r.value, r.benchmark, r.metric) for r in found] == [
            (4, "pre-training", "training time"), (2900, "pre-training", "cost")]

    def test_a_restated_price_is_on_the_costs_benchmark_not_a_carried_one(self):
        found = records("It reaches 43.1% on MATH500 and 30.0% on AIME 2024. The full training run consumed "
                        "3,800 A100 GPU hours, or about $4,500.")
        assert [(r.value, r.benchmark) for r in found][2:] == [(3800, "training"), (4500, "training")]

    def test_a_price_in_another_clause_is_no_restatement(self):
        assert values("The whole pre-training run took 4 days; we spent $2,900 on annotation.") == [4]

    def test_a_named_task_is_the_benchmark_as_stated(self):
        r = only("With a Franka arm, it reaches a 92% success rate on a drawer-opening task.")
        assert r.benchmark == "drawer-opening task"

    def test_the_authors_own_data_set_is_the_benchmark_as_stated(self):
        found = records("On BTCV it reaches 85.2% Dice. On an in-house dataset of 420 CT scans, it achieves 93.4% "
                        "Dice for the liver.")
        assert [(r.value, r.benchmark) for r in found] == [(85.2, "BTCV"), (93.4, "in-house dataset")]

    def test_a_data_set_of_no_stated_kind_carries_the_earlier_benchmark(self):
        found = records("On BTCV it reaches 85.2% Dice. On the 420 CT scans, it achieves 93.4% Dice for the liver.")
        assert [(r.value, r.benchmark) for r in found] == [(85.2, "BTCV"), (93.4, "BTCV")]

    def test_a_task_described_not_named_leaves_the_data_set(self):
        found = records("We evaluate on SVHN. On a per-digit recognition task, we reach 97.8% accuracy.")
        assert [(r.value, r.benchmark) for r in found] == [(97.8, "SVHN")]

    def test_an_efficiency_number_takes_the_stated_workload(self):
        assert only("We reduce memory consumption in LLM inference by 3x.").benchmark == "LLM inference"

    def test_a_leading_because_clause_gives_the_main_clause_its_workload(self):
        r = only("Because decoding is non-autoregressive, it transcribes audio 27x faster than Whisper.")
        assert r.benchmark == "decoding"

    def test_a_bare_workload_takes_the_model_it_works_on(self):
        r = only("When training a small GPT-3 13B model, Fuyou achieves 156 TFLOPS on an RTX 4090 GPU.",
                 title="Fuyou: Fine-tuning on One GPU")
        assert (r.benchmark, r.method, r.hardware) == ("GPT-3 13B training", "Fuyou", "RTX 4090 GPU")

    def test_the_benchmark_of_an_earlier_sentence_is_carried(self):
        found = records("We evaluate on SQuAD v1.1. Our reader obtains 91.3 F1.")
        assert [(r.value, r.benchmark, r.benchmark_mention) for r in found] == [(91.3, "SQuAD", "SQuAD v1.1")]

    def test_a_data_set_named_before_another_number_gives_way_to_the_stated_workload(self):
        found = records("It reaches ImageNet accuracy of 70.1% in 3 days.", title="Cheap ViT Training at Scale")
        assert [(r.value, r.benchmark) for r in found] == [(70.1, "ImageNet-1K"), (3, "Cheap ViT Training")]

    def test_a_data_set_framing_the_sentence_holds_the_efficiency_number(self):
        r = only("Results on the MS MARCO collection show that it cuts the storage footprint by 2.5x.",
                 title="A Study of Multi-Stage Training")
        assert r.benchmark == "MS MARCO"

    def test_the_model_a_sentence_trains_is_the_workload(self):
        r = only("Our method trains the deep ResNet-152 network 4x faster than the baseline.")
        assert (r.benchmark, r.metric) == ("ResNet-152 network training", "speedup")

    def test_models_experimented_with_are_the_workload(self):
        found = records("We conduct experiments with popular BERT-style models and observe a 25% increase in "
                        "throughput. It also gives a 12% reduction in memory consumption.")
        assert [r.benchmark for r in found] == ["BERT-style models", "BERT-style models"]

    def test_a_model_size_trained_names_no_model(self):
        r = only("We fine-tune a 70B model 2x faster in LLM fine-tuning.")
        assert r.benchmark == "LLM fine-tuning"

    def test_the_trained_model_is_not_the_method(self):
        r = only("FastNet trains ResNet-101 3x faster than SlowNet.")
        assert (r.method, r.benchmark) == ("FastNet", "ResNet-101 training")

    def test_a_benchmark_after_the_next_clause_is_that_clauses(self):
        found = records("It is 20x faster at test-time, and achieves a higher mAP on PASCAL VOC 2007.",
                        title="QuickDet: Detection Inference")
        assert [(r.value, r.benchmark) for r in found] == [(20, "Detection Inference")]

    def test_a_benchmark_after_in_the_same_clause(self):
        assert only("It is 20x faster at test-time on PASCAL VOC 2007.").benchmark == "PASCAL VOC 2007"

    def test_the_data_trained_on_is_the_workload_of_a_training_cost(self):
        found = records("Fine-tuned on only 40% of the Alpaca data, it gains 8.6% on HumanEval, "
                        "reduces training time by 78%, and cuts peak GPU memory by 27%.")
        assert [(r.value, r.benchmark) for r in found] == [
            (8.6, "HumanEval"), (78, "Alpaca fine-tuning"), (27, "Alpaca fine-tuning")]

    def test_data_trained_on_after_the_number_is_not_its_workload(self):
        assert values("It cuts peak GPU memory by 3x, after fine-tuning on the Alpaca data.") == []

    def test_a_bare_workload_in_the_metrics_words_takes_the_papers_one_data_set(self):
        found = records("We run experiments on the COCO dataset. It cuts training time by 50%.")
        assert [(r.value, r.benchmark) for r in found] == [(50, "COCO")]

    def test_training_the_sentence_is_about_is_its_own_workload(self):
        found = records("We run experiments on the ERA5 dataset. Training takes 4.5 days on 32 A100 GPUs.")
        assert [(r.value, r.benchmark) for r in found] == [(4.5, "Training")]

    def test_a_bare_workload_in_the_metrics_words_stays_when_several_data_sets_came_before(self):
        found = records("We evaluate on COCO and LVIS. It cuts training time by 50%.")
        assert [(r.value, r.benchmark) for r in found] == [(50, "training")]

    def test_a_bare_workload_in_the_metrics_words_takes_the_task_the_title_names(self):
        r = only("It achieves a 5x faster generation speed than the baseline.", title="Fast Image Captioning")
        assert r.benchmark == "image captioning"

    def test_a_bare_workload_keeps_off_a_task_only_the_abstract_names(self):
        r = only("Image captioning is costly. It achieves a 5x faster generation speed than the baseline.")
        assert r.benchmark == "generation"

    def test_days_of_training_are_on_the_papers_one_data_set(self):
        found = records("We run experiments on the COCO dataset. It reaches 53.2% AP in a single day of training.")
        assert [(r.value_mention, r.benchmark) for r in found] == [("53.2%", "COCO"), ("a single day", "COCO")]

    def test_a_baseline_workload_is_not_carried_to_the_next_sentence(self):
        found = records("Sparse kernels speed up BERT training by 1.7x over the dense training. "
                        "They also improve energy efficiency by 2.5x.")
        assert [(r.value, r.benchmark) for r in found] == [(1.7, "BERT training"), (2.5, "BERT training")]

    def test_a_workload_both_sides_run_is_carried(self):
        found = records("It is 1.4x faster than the original kernel on causal transformer training. "
                        "On 16 TPUv4 chips, it achieves 1.6x speedups at longer sequences.")
        assert [(r.value, r.benchmark) for r in found] == [
            (1.4, "causal transformer training"), (1.6, "causal transformer training")]

    def test_systems_for_the_same_workload_are_no_baseline_workload(self):
        found = records("It gives 7.3x lower latency than existing MoE inference solutions. "
                        "It also serves the models with 4.5x faster and 9x cheaper inference.")
        assert [r.benchmark for r in found] == ["MoE inference"] * 3

    def test_models_named_by_their_size_are_the_workload(self):
        r = only("It trains large models of over 100B parameters on 400 GPUs, achieving throughput of 15 Petaflops.")
        assert r.benchmark == "100B parameter model training"

    def test_the_models_a_result_is_for_are_the_workload(self):
        r = only("It shows a 5x training cost saving for autoregressive language models.",
                 title="MoE Inference and Training at Scale")
        assert r.benchmark == "autoregressive language model training"

    def test_models_used_for_a_task_leave_the_task_as_benchmark(self):
        r = only("We run experiments using self-attention models for machine translation, "
                 "achieving iteration reductions of up to 2x.")
        assert r.benchmark == "machine translation"

    def test_a_sized_model_is_no_workload(self):
        r = only("For a 7.8B-size model on one A100 GPU, it runs at 5.8ms per token in multi-sequence generation.")
        assert r.benchmark == "multi-sequence generation"

    def test_a_search_is_a_method_not_a_workload(self):
        r = only("We find configurations with a simulator-guided search. Under the same SLOs, it serves 5.8x more "
                 "requests per second than vLLM.", title="Disaggregated LLM Inference at Scale")
        assert r.benchmark == "Disaggregated LLM Inference"

    def test_attention_is_a_workload_in_the_metrics_phrase(self):
        assert only("It gives a 3.2x wall-clock attention speed-up over FlashAttention-2.").benchmark == \
            "wall-clock attention"

    def test_attention_elsewhere_is_a_method_not_a_workload(self):
        r = only("We combine it with sparse attention. It reaches a 3x larger maximum batch size.",
                 title="Long Sequence Training at Scale")
        assert r.benchmark == "Long Sequence Training"

    def test_real_time_says_how_fast_not_what_runs(self):
        r = only("Depth estimation networks are too slow for real-time inference. Our network runs at 150 fps "
                 "on a Jetson TX2 GPU.")
        assert (r.benchmark, r.metric) == ("depth estimation", "throughput")

    def test_no_benchmark_anywhere_holds_the_number_back(self):
        assert values("Our method reaches 91.3% accuracy.", title="A Method") == []


class TestCoordinatedNumbers:
    def test_a_second_number_with_a_bracketed_abbreviation_shares_the_benchmark_after_it(self):
        found = records("PageReader achieves a character error rate (CER) of 3.9% and a word error rate (WER) of "
                        "12.6% on the IAM benchmark.")
        assert [(r.value, r.benchmark, r.metric) for r in found] == \
            [(3.9, "IAM", "character error rate"), (12.6, "IAM", "word error rate")]

    def test_a_number_of_another_clause_keeps_its_own_benchmark(self):
        found = records("It achieves a CER of 3.9% on IAM, and a word error rate (WER) of 12.6% on RIMES.")
        assert [(r.value, r.benchmark) for r in found] == [(3.9, "IAM"), (12.6, "RIMES")]


class TestUnlistedBenchmarks:
    """Data sets no vocabulary lists, named where English says they are data sets (the names are invented)."""

    def test_a_name_before_a_data_set_noun(self):
        r = only("On the discontinuous ZORBLEX dataset, SpanNet reaches 73.5 F1.")
        assert (r.benchmark, r.benchmark_mention, r.metric) == ("ZORBLEX", "ZORBLEX", "F1")

    def test_names_after_a_data_set_noun_pair_with_the_numbers(self):
        found = records("On the flat benchmarks QWERT-7 and FooCorp it obtains 91.4 and 89.8 F1, respectively.")
        assert [(r.value, r.benchmark) for r in found] == [(91.4, "QWERT-7"), (89.8, "FooCorp")]

    def test_names_that_open_a_sentence_and_a_clause(self):
        found = records("On KRAKEN-CD, TDA achieves an F1 score of 92.4, and on WHALE-CD it reaches 94.1 F1.")
        assert [(r.value, r.benchmark) for r in found] == [(92.4, "KRAKEN-CD"), (94.1, "WHALE-CD")]

    def test_a_name_a_number_is_on_keeps_its_version(self):
        found = records("TbRL reaches a pass@1 of 68.4% on RtlBench v2 and 57.9% on HDLEVAL v2.0.")
        assert [(r.value, r.benchmark) for r in found] == [(68.4, "RtlBench v2"), (57.9, "HDLEVAL v2.0")]

    def test_a_capitalised_word_before_a_data_set_noun(self):
        assert only("On the out-of-domain Zorblex benchmark, it reaches 55.2 EM.").benchmark == "Zorblex"

    def test_a_name_that_begins_with_a_digit(self):
        assert [r.benchmark for r in records("It reaches 78.2% on CV-Bench and 63.9% mIoU on 3DKrakenBench.")] == \
            ["CV-Bench", "3DKrakenBench"]

    def test_holds_back_a_model_family(self):
        assert "GPT-2" not in [r.benchmark for r in records("It trains 3x faster on GPT-2 than on BERT.")]

    def test_holds_back_a_describing_word(self):
        assert "ALOHA-style" not in [r.benchmark for r in records(
            "Across 6 real-world tasks it reaches a 47% success rate on ALOHA-style hardware.")]

    def test_holds_back_a_model_a_number_is_on(self):
        assert records("SpanNet reaches 68.3% accuracy on ViT-B models.") == []

    def test_holds_back_a_model_before_a_data_set_noun(self):
        assert only("It outperforms GPT-4o on both benchmarks by 3.0 points of accuracy on MMLU.").benchmark == "MMLU"

    def test_holds_back_a_device_that_opens_the_sentence(self):
        assert only("On a single NVIDIA A10G GPU, it decodes at 52.3 tokens/s on WikiText-2.").benchmark == "WikiText-2"

    def test_holds_back_an_imaging_modality(self):
        assert [r.benchmark for r in records("On AMOS 2022 it reaches 90.1% Dice on CT and 87.3% on MRI.")] == \
            ["AMOS", "AMOS"]


# ------------------------------------------------------------------ method rules

class TestMethodRules:
    def test_the_subject_of_the_sentence(self):
        assert only("DeepSeekMath 7B achieves 51.7% accuracy on MATH.").method == "DeepSeekMath 7B"

    def test_a_baseline_in_brackets(self):
        found = records("Our model reaches 82.0% on ImageNet, surpassing the prior best (from OpenCLIP, 80.1%).",
                        title="BigCLIP: Scaling Up")
        assert [(r.value, r.method) for r in found] == [(82.0, "BigCLIP"), (80.1, "OpenCLIP")]

    def test_a_possessive_baseline(self):
        found = records("SuperNet achieves 70.8% accuracy on ImageNet, surpassing CLIP's 68.3%.")
        assert [(r.value, r.method) for r in found] == [(70.8, "SuperNet"), (68.3, "CLIP")]

    def test_the_number_after_versus_is_the_baselines(self):
        found = records("It outperforms the prior method Mask-DINO on the COCO test-dev split (55.3% vs. 54.7% AP).",
                        title="FrozenDet: Detection")
        assert [(r.value, r.method) for r in found] == [(55.3, "FrozenDet"), (54.7, "Mask-DINO")]

    def test_paired_names(self):
        found = records("Our Det-R50 / Det-R101 achieve 53.1% / 54.3% AP on COCO.")
        assert [(r.value, r.method) for r in found] == [(53.1, "Det-R50"), (54.3, "Det-R101")]

    def test_our_model_is_the_papers_method(self):
        r = only("Starting from Qwen2-VL-2B, our model achieves 59.5% accuracy on CV-Bench.",
                 title="VisionThinker: Reasoning in Pictures")
        assert r.method == "VisionThinker"

    def test_variants_written_as_their_last_part(self):
        found = records("Our Det-R50 / R101 achieves 53.1% / 54.3% AP on COCO.")
        assert [(r.value, r.method) for r in found] == [(53.1, "Det-R50"), (54.3, "Det-R101")]

    def test_our_named_model_is_the_papers_method(self):
        found = records("With 40 GPU days, our CLIP model achieves 69.3% zero-shot accuracy on ImageNet.",
                        title="CLIPA: Cheap CLIP Training")
        assert [(r.value, r.method) for r in found] == [(40, "CLIPA"), (69.3, "CLIPA")]

    def test_our_named_variant_keeps_its_name(self):
        assert only("Our Det-R50 reaches 53.1% AP on COCO.", title="Det: Detection").method == "Det-R50"

    def test_a_part_of_the_papers_name_is_the_papers_method(self):
        r = only("R-CNN reaches 45.0 AP on COCO in a 3x schedule.", title="Sparse R-CNN: Detection with Proposals")
        assert r.method == "Sparse R-CNN"

    def test_title_case_compounds_are_no_names(self):
        r = only("Domain-Specific tuning reaches 71.0% accuracy on MMLU.", title="TuneIt: Tuning for Domains")
        assert r.method == "TuneIt"

    def test_a_name_introduced_by_we_propose_is_the_papers_method(self):
        r = only("We propose Fuyou, a training framework. It reaches 2.1x higher throughput in LLM fine-tuning.",
                 title="Adding SSDs to Fine-Tuning")
        assert r.method == "Fuyou"

    def test_a_multiword_name_defined_in_brackets_is_the_papers_method(self):
        r = only("This paper proposes a Quick Region Network (Quick R-Net). It reaches 45.0 AP on COCO.",
                 title="Quick R-Net")
        assert r.method == "Quick R-Net"

    def test_a_name_in_the_title_is_the_default(self):
        assert only("It reaches 45.0 AP on COCO.", title="FastDet: One-Stage Detection").method == "FastDet"


# ------------------------------------------------------------------ hardware rule

class TestHardwareRule:
    def test_hardware_with_its_count(self):
        assert only("Training takes 3 days on 8 NVIDIA A100 GPUs.").hardware == "8 NVIDIA A100 GPUs"

    def test_hardware_across_a_benchmark_is_not_the_numbers(self):
        found = records("It reaches 53.0% AP on COCO and 108 FPS on a T4 GPU.")
        assert [(r.value, r.hardware) for r in found] == [(53.0, None), (108, "T4 GPU")]
