"""The splits of the real articles: the benchmark's dates are never read, and the held-back block
and the Fars News dev articles are fixed."""

from __future__ import annotations

from checker.nli.real import eg_press_split, farsnews_split


def test_eg_press_dates() -> None:
    assert eg_press_split("2012-12-20") == "train"
    assert eg_press_split("2013-01-31") == "train"
    assert eg_press_split("2013-02-01") == "dev"
    assert eg_press_split("2013-02-14") == "dev"
    assert eg_press_split("2013-02-15") is None  # the real-news benchmark's
    assert eg_press_split("2013-03-20") is None
    assert eg_press_split("") is None


def test_farsnews_split_is_stable_and_about_one_in_five() -> None:
    urls = [f"https://www.farsnews.ir/news/{i}" for i in range(2000)]
    dev = [u for u in urls if farsnews_split(u) == "dev"]
    assert 300 < len(dev) < 500
    assert [farsnews_split(u) for u in urls] == [farsnews_split(u) for u in urls]
