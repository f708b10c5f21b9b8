"""The leaders' pages at province scale: server time, queries, and how both scale.

For each summary page it prints the median server time over repeated requests through
Django's test client, the median of a bare authenticated page in the same run, their ratio,
the same page's time on a tenth of the data and the ratio between the two sizes, and the
number of queries. Goals: ≤ 3× the bare page today and ≤ 5× as of a past date (the
mid-term review), the same number of queries at a tenth and at the full data. The last line
names the worst page of each kind.

    .venv/bin/python bench/dashboard.py             # full scale: 10⁶ reports (slow to build)
    .venv/bin/python bench/dashboard.py --quick     # a tenth, and a hundredth as the small one
    .venv/bin/python bench/dashboard.py --reuse     # the data already built, one size only
"""

import statistics
import sys
import time

from _setup import setup

setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from demo.province import Scale, generate  # noqa: E402
from programmes.models import Role, User  # noqa: E402

REPEAT = 15
PAGES = {
    "bare page (notifications)": "/thong-bao/",
    "overview": "/tong-quan/",
    "programme progress": "/chuong-trinh/demo-ctr-1/tien-do/",
    "list: overdue": "/danh-sach/qua-han/",
    "list: blocked": "/danh-sach/vuong-mac/",
    "list: due in 30 days": "/danh-sach/sap-den-han/",
    "targets": "/chuong-trinh/demo-ctr-1/chi-tieu/",
    "search": "/tim-kiem/?q=nong+thon+moi",
}
AS_OF = "ngay=15/12/2023"  # a mid-term review date of the demo province
AS_OF_PAGES = {
    f"{name} (as of)": f"{url}{'&' if '?' in url else '?'}{AS_OF}"
    for name, url in PAGES.items()
    if name not in ("bare page (notifications)", "search")
}


def timed(client: Client, url: str) -> tuple[float, int]:
    client.get(url)  # warm
    times = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - started)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return statistics.median(times) * 1000, len(queries)


def measure(scale: Scale | None) -> dict[str, tuple[float, int]]:
    """The pages on ``scale`` built afresh, or on the data already there when None."""
    if scale is not None:
        started = time.perf_counter()
        counts = generate(scale, log=lambda *_: None)
        print(f"# data: {counts} built in {time.perf_counter() - started:.0f} s", flush=True)
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(User.objects.filter(username__startswith="demo-", role=Role.LEADER).first())
    return {name: timed(client, url) for name, url in {**PAGES, **AS_OF_PAGES}.items()}


def reuse() -> None:
    """Iterating on a page: the data already built (by a full run), measured once."""
    from django.core.cache import cache

    cache.clear()
    whole = measure(None)
    bare = whole["bare page (notifications)"][0]
    print("{:36} {:>8} {:>7} {:>8}".format("page", "ms", "× bare", "queries"))
    for name, (ms, queries) in whole.items():
        print(f"{name:36} {ms:8.1f} {ms / bare:7.2f} {queries:8}")


def main() -> None:
    if "--reuse" in sys.argv:
        return reuse()
    quick = "--quick" in sys.argv
    full = Scale().times(0.1 if quick else 1)
    small = Scale().times(0.01 if quick else 0.1)
    print(f"# full: {full}\n# tenth: {small}", flush=True)
    tenth = measure(small)
    whole = measure(full)
    bare = whole["bare page (notifications)"][0]
    header = ("page", "ms", "× bare", "ms/10", "full/10", "queries", "q/10")
    print("{:36} {:>8} {:>7} {:>8} {:>8} {:>8} {:>5}".format(*header))
    for name in [*PAGES, *AS_OF_PAGES]:
        ms, queries = whole[name]
        small_ms, small_queries = tenth[name]
        print(
            f"{name:36} {ms:8.1f} {ms / bare:7.2f} {small_ms:8.1f} {ms / small_ms:8.2f} "
            f"{queries:8} {small_queries:5}"
        )
    today = max((n for n in PAGES if n != "bare page (notifications)"), key=lambda n: whole[n][0])
    past = max(AS_OF_PAGES, key=lambda n: whole[n][0])
    most = max(q for _ms, q in [*whole.values(), *tenth.values()])
    print(
        f"worst: {today} {whole[today][0] / bare:.1f}× bare (today), "
        f"{past} {whole[past][0] / bare:.1f}× bare (as of), {most} queries max"
    )


if __name__ == "__main__":
    main()
