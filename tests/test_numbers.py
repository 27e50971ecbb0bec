"""Stage 1: numbers, units, hedges, ranges and lists, read from scraped text without rewriting it."""
import pytest

from extract.numbers import find_quantities


def only(text):
    found = find_quantities(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("text, mention, value, unit", [
    ("achieves 43.3% accuracy", "43.3%", 43.3, "%"),
    ("requires 2.788M H800 GPU hours", "2.788M H800 GPU hours", 2_788_000, "GPU hours"),
    ("a 3x speedup", "3x", 3, "x"),
    ("a 3times speedup", "3times", 3, "x"),
    ("trains 2.5X faster", "2.5X", 2.5, "x"),
    ("at 5.8ms per token", "5.8ms", 5.8, "ms"),
    ("runs at 22 fps", "22 fps", 22, "FPS"),
    ("1.1K tokens per second", "1.1K tokens per second", 1100, "tokens/s"),
    ("it serves 1,480 output tokens/s", "1,480 output tokens/s", 1480, "tokens/s"),
    ("Reproducing GPT-2 in 2.9 Hours", "2.9 Hours", 2.9, "hours"),
    ("it reaches 742 TFLOPs/s", "742 TFLOPs/s", 742, "TFLOPS"),
    ("reaches 27.84 dB PSNR", "27.84 dB", 27.84, "dB"),
    ("Linear Probe within 400 GPU Hours", "400 GPU Hours", 400, "GPU hours"),
    ("within a $10,000 budget", "$10,000", 10_000, "USD"),
    ("within a \\10,000 Budget", "\\10,000", 10_000, "USD"),
    ("decreases by 30.5\\%", "30.5\\%", 30.5, "%"),
    ("to **85.67**%", "**85.67**%", 85.67, "%"),
    ("by a factor of x 157", "x 157", 157, "x"),
    ("reaches 156 TFLOPS", "156 TFLOPS", 156, "TFLOPS"),
    ("under 10 W", "10 W", 10, "W"),
    ("with less than 8 GiB of memory", "8 GiB", 8, "GiB"),
])
def test_value_and_unit_as_written(text, mention, value, unit):
    q = only(text)
    assert (q.mention, q.value, q.unit) == (mention, pytest.approx(value), unit)
    assert text[q.start:q.end] == q.mention


@pytest.mark.parametrize("text, qualifier", [
    ("up to 2.3x higher", "up to"),
    ("by approximately ~30%", "about"),
    ("improvement of sim6% across", "about"),
    ("over 10X times faster", "over"),
    ("nearly 2x", "about"),
    ("less than 10 tokens", "less than"),
    ("under 24 hours", "less than"),
    ("as high as 15.8%", "as high as"),
    ("43.3% accuracy", None),
])
def test_hedges(text, qualifier):
    assert only(text).qualifier == qualifier


def test_signed_delta_keeps_its_sign():
    assert [(q.value, q.signed) for q in find_quantities("50.4AP (+2.2), recall (-18%)")][-2:] == [(2.2, True), (-18, True)]


@pytest.mark.parametrize("text, values, unit", [
    ("improve precision by 31-42%", [31, 42], "%"),
    ("1.1-2.1x expert forward throughput", [1.1, 2.1], "x"),
    ("by 2.97~25.22x", [2.97, 25.22], "x"),
    ("from 2x to 5x", [2, 5], "x"),
    ("108 / 74 FPS on T4", [108, 74], "FPS"),
    ("at 124 and 78 FPS", [124, 78], "FPS"),
    ("3.6x/2x faster", [3.6, 2], "x"),
])
def test_ranges_and_lists_share_the_unit_written_once(text, values, unit):
    found = find_quantities(text)
    assert [q.value for q in found] == values
    assert {q.unit for q in found} == {unit}
    assert len({q.group for q in found}) == 1


def test_a_tilde_between_numbers_joins_a_range_and_hedges_nothing():
    assert [q.qualifier for q in find_quantities("by 7%~64% on")] == [None, None]


def test_a_hedge_reaches_forward_over_a_list():
    assert [q.qualifier for q in find_quantities("up to 3.79times and 1.52times")] == ["up to", "up to"]


@pytest.mark.parametrize("text", [
    "GLM-130B", "Qwen2.5-1M", "ResNet-50", "GPT-4o", "AIME2024", "a 3D scene", "DeepSeek-V3", "Qwen2-VL-2B",
])
def test_numbers_inside_names_are_not_numbers(text):
    assert find_quantities(text) == []


def test_a_symbol_keeps_its_case():
    assert [(q.mention, q.unit) for q in find_quantities("it takes 5 ms, not 3 MS")] == [("5 ms", "ms"), ("3", None)]


@pytest.mark.parametrize("text", ["ImageNet 256times 256", "Cityscapes at full 1024 × 2048 resolution"])
def test_a_resolution_is_not_a_factor(text):
    assert all(q.unit != "x" for q in find_quantities(text))


@pytest.mark.parametrize("text, value", [("5 thousand images", 5_000), ("5 thouſand images", 5_000),
                                         ("2.5 MİLLION tokens", 2_500_000)])
def test_scale_words_in_any_spelling_the_pattern_accepts(text, value):
    assert only(text).value == value


def test_scaled_numbers_are_marked():
    q = only("a 7B base model")
    assert q.scaled and q.unit is None and q.value == 7e9


@pytest.mark.parametrize("text, mention, value", [
    ("training took six days", "six days", 6),
    ("training took sİx days", "sİx days", 6),  # a letter the case-insensitive pattern reads as "i"
    ("it finishes in two hrs", "two hrs", 2),
    ("it needs only a thİrd of the steps", "a thİrd", 0.3333),
])
def test_numbers_written_as_words_in_any_spelling_the_patterns_accept(text, mention, value):
    q = only(text)
    assert (q.mention, q.value) == (mention, value)
