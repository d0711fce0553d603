from app.ui.tsv import rows_to_tsv


def test_plain_rows_are_tab_separated_with_crlf():
    assert rows_to_tsv([["1", "任务", None], ["2", "乙", 3]]) == "1\t任务\t\r\n2\t乙\t3\r\n"


def test_cells_with_breaks_tabs_or_quotes_are_quoted_like_excel():
    text = rows_to_tsv([["a\nb", 'say "hi"', "x\ty"]])
    assert text == '"a\nb"\t"say ""hi"""\t"x\ty"\r\n'
