"""to_simplified and normalize_width: what they change and, as importantly, what they leave alone."""
from app.reading.chinese import normalize_width, to_simplified


def test_traditional_becomes_simplified():
    assert to_simplified("內蒙古自治區貫徹落實《計量發展規劃》") == "内蒙古自治区贯彻落实《计量发展规划》"
    assert to_simplified("2025年底並持續推進") == "2025年底并持续推进"


def test_simplified_text_is_unchanged():
    text = "呼和浩特市市场监督管理局牵头，2025年底前完成。（责任单位：市发展和改革委员会）"
    assert to_simplified(text) == text


def test_empty_and_non_chinese_text():
    assert to_simplified("") == ""
    assert to_simplified("abc 123\n\t") == "abc 123\n\t"


def test_fullwidth_letters_and_digits_become_ascii():
    assert normalize_width("２０２４年６月底前，ＧＤＰ增长ｘ") == "2024年6月底前，GDP增长x"


def test_chinese_punctuation_is_kept():
    text = "（一）加强计量基础，提升能力；完成时限：2025年底。“十四五”〔2021〕、《规划》１．５％"
    assert normalize_width(text) == text.replace("１", "1").replace("５", "5")


def test_odd_spaces_become_plain_spaces_one_for_one():
    text = "\u3000\u30002022年11月9日\u00a0\u2002end"
    out = normalize_width(text)
    assert out == "  2022年11月9日  end"
    assert len(out) == len(text)


def test_tabs_newlines_kept_and_invisible_marks_removed():
    assert normalize_width("a\tb\nc\u200bd\ufeffe") == "a\tb\ncde"
