"""The benchmark's report: Markdown tables of ``bench_pipeline.py``'s results (stages, generate runs,
the site, ``make site``, and the goals)."""

from __future__ import annotations

from typing import Any


def fmt_s(seconds: float) -> str:
    return f"{seconds:.2f}" if seconds < 10 else f"{seconds:.1f}"


def stage_table(size: int, cold: dict[str, Any], warm: dict[str, Any], build: dict[str, Any] | None) -> str:
    rows = [
        f"#### {size:,} abstracts ({cold['papers']:,} papers, {cold['keywords']:,} keywords)",
        "",
        "| Stage | Cold wall s | Cold CPU s | Cold peak MB | Warm wall s | Warm CPU s | Warm peak MB |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    warm_by = {s["stage"]: s for s in warm["stages"]}
    for stage in cold["stages"]:
        w = warm_by.get(stage["stage"], {"seconds": 0.0, "cpu": 0.0, "peak_mb": 0.0})
        rows.append(
            f"| {stage['stage']} | {fmt_s(stage['seconds'])} | {fmt_s(stage['cpu'])} | "
            f"{stage['peak_mb']:.0f} | "
            f"{fmt_s(w['seconds'])} | {fmt_s(w['cpu'])} | {w['peak_mb']:.0f} |"
        )
    rows.append(
        f"| **generate total** | **{fmt_s(cold['total'])}** | **{fmt_s(cold['cpu'])}** | "
        f"**{cold['peak_mb']:.0f}** (workers {cold['workers_peak_mb']:.0f}) | **{fmt_s(warm['total'])}** | "
        f"**{fmt_s(warm['cpu'])}** | **{warm['peak_mb']:.0f}** |"
    )
    if build:
        rows.append(
            f"| mkdocs build | {fmt_s(build['seconds'])} | {fmt_s(build['cpu'])} | "
            f"{build['peak_mb']:.0f} | | | |"
        )
    rows += [
        "",
        f"Files written: cold {cold['written']:,}; warm {warm['written']:,} "
        f"({warm['unchanged']:,} unchanged, {warm['removed']:,} removed, "
        f"{warm.get('not_rendered', 0):,} not re-rendered). "
        f"Keyword cache: cold {cold['computed']:,} computed; warm {warm['cache_hits']:,} reused, "
        f"{warm['computed']:,} computed.",
    ]
    return "\n".join(rows)


def _kw(run: dict[str, Any]) -> dict[str, Any]:
    return next((x for x in run["stages"] if x["stage"] == "keywords"), {"seconds": 0.0, "cpu": 0.0})


def generate_table(results: list[dict[str, Any]]) -> str:
    rows = [
        "| Abstracts | Papers | Cold generate s (CPU s) | Warm generate s (CPU s) "
        "| Warm/cold wall (CPU) | Keywords stage s | Bare serial YAKE s (CPU s) "
        "| Keywords/YAKE | Generate/YAKE | Peak MB (workers) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        cold, warm = r["cold"], r["warm"]
        yake_s = cold.get("bare_yake")
        cells = [
            r["label"],
            f"{cold['papers']:,}",
            f"{fmt_s(cold['total'])} ({fmt_s(cold['cpu'])})",
            f"{fmt_s(warm['total'])} ({fmt_s(warm['cpu'])})",
            f"{warm['total'] / cold['total']:.1%} ({warm['cpu'] / max(cold['cpu'], 1e-9):.1%})",
            fmt_s(_kw(cold)["seconds"]),
            f"{fmt_s(yake_s)} ({fmt_s(cold['bare_yake_cpu'])})" if yake_s else "-",
            f"{_kw(cold)['seconds'] / yake_s:.2f}x" if yake_s else "-",
            f"{cold['total'] / yake_s:.2f}x" if yake_s else "-",
            f"{cold['peak_mb']:.0f} ({cold['workers_peak_mb']:.0f})",
        ]
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows)


def site_table(results: list[dict[str, Any]]) -> str:
    rows = [
        "| Papers | mkdocs build s (CPU s) | Peak MB | Site MB (files) | Search index MB (gzip) "
        "| Index entries | Mean paper page KB | First search result s (bytes downloaded MB) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        b, q = r.get("build"), r.get("search")
        if not b:
            continue
        cells = [
            f"{r['cold']['papers']:,}",
            f"{fmt_s(b['seconds'])} ({fmt_s(b['cpu'])})",
            f"{b['peak_mb']:.0f}",
            f"{b['site_mb']:.1f} ({b['site_files']:,})",
            f"{b['index_mb']:.2f} ({b['index_gz_mb']:.2f}) {b.get('search', '')}".rstrip(),
            f"{b['index_entries']:,}",
            f"{b['paper_page_kb']:.1f}",
            f"{q['first_result_s']:.2f} ({q['bytes_mb']:.2f})" if q else "-",
        ]
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows)


def make_site(r: dict[str, Any], key: str = "wall") -> tuple[float, float] | None:
    """Cold and warm `make site` seconds (``key`` "wall" or "cpu"): generate plus `mkdocs build
    --dirty` (None: not built). CPU seconds are not inflated by other load on the machine."""
    if not r.get("build") or not r.get("warm_build"):
        return None
    gen, build = ("total", "seconds") if key == "wall" else ("cpu", "cpu")
    return r["cold"][gen] + r["build"][build], r["warm"][gen] + r["warm_build"][build]


def make_site_table(results: list[dict[str, Any]]) -> str:
    rows = [
        "| Papers | Site KB per paper | Files per paper | Cold make site s (generate + mkdocs) "
        "| Warm make site s (generate + mkdocs; pages rendered) | Warm/cold wall (CPU) "
        "| Full mkdocs build s (CPU s) | Baseline full mkdocs build s (CPU s) "
        "| This/baseline | mkdocs peak MB |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        b, w, base = r.get("build"), r.get("warm_build"), r.get("baseline")
        times, cpu = make_site(r), make_site(r, "cpu")
        if not b:
            continue
        papers = r["cold"]["papers"]
        cells = [
            f"{papers:,}",
            f"{b['site_mb'] * 1e3 / papers:.1f}",
            f"{b['site_files'] / papers:.2f}",
            f"{fmt_s(times[0])} ({fmt_s(r['cold']['total'])} + {fmt_s(b['seconds'])})" if times else "-",
            f"{fmt_s(times[1])} ({fmt_s(r['warm']['total'])} + {fmt_s(w['seconds'])}; "
            f"{w['pages_changed']:,} of {w['pages_total']:,})"
            if times and w and w.get("pages_total")
            else "-",
            f"{times[1] / times[0]:.1%} ({cpu[1] / cpu[0]:.1%})" if times and cpu else "-",
            f"{fmt_s(b['seconds'])} ({fmt_s(b['cpu'])})",
            f"{fmt_s(base['seconds'])} ({fmt_s(base['cpu'])})" if base else "-",
            f"{b['seconds'] / base['seconds']:.2f}" if base else "-",
            f"{b['peak_mb']:.0f}",
        ]
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows)


def goals_table(results: list[dict[str, Any]]) -> str:
    by = {r["size"]: r for r in results}
    seeds = next((r for r in results if r["label"] == "seeds"), None)
    rows = ["| Goal | Target | Measured | Met |", "|---|---|---|---|"]

    def add(goal: str, target: str, value: float | None, ok: bool | None, shown: str) -> None:
        rows.append(
            f"| {goal} | {target} | {shown if value is not None else 'not measured'} | "
            f"{'-' if value is None else ('yes' if ok else '**no**')} |"
        )

    r = by.get(2000)
    ratio = r["cold"]["total"] / r["cold"]["bare_yake"] if r and r["cold"].get("bare_yake") else None
    add(
        "Cold generate, 2,000 abstracts, vs bare serial YAKE",
        "<= 0.70x",
        ratio,
        ratio is not None and ratio <= 0.7,
        f"{ratio:.2f}x" if ratio else "",
    )
    for size, r in sorted(by.items()):
        if size:
            w = r["warm"]["total"] / r["cold"]["total"]
            add(f"Warm generate after one-line change, {size:,}", "<= 10% of cold", w, w <= 0.10, f"{w:.1%}")
    r = by.get(100_000)
    peak = r["cold"]["peak_mb"] if r else None
    add(
        "Peak memory of generate, 100,000 abstracts",
        "<= 1,536 MB",
        peak,
        peak is not None and peak <= 1536,
        f"{peak:.0f} MB (this process; each pool worker {r['cold']['workers_peak_mb']:.0f} MB)"
        if peak and r
        else "",
    )
    for size in (2000, 10_000):
        b = by.get(size, {}).get("build")
        kb = b["site_mb"] * 1e3 / by[size]["cold"]["papers"] if b else None
        add(
            f"Site bytes per paper, {size:,}",
            "<= 20 KB",
            kb,
            kb is not None and kb <= 20,
            f"{kb:.1f} KB" if kb else "",
        )
        files = b["site_files"] / by[size]["cold"]["papers"] if b else None
        add(
            f"Files per paper, {size:,}",
            "<= 2.5",
            files,
            files is not None and files <= 2.5,
            f"{files:.2f}" if files else "",
        )
        times = make_site(by[size]) if size in by else None
        cpu = make_site(by[size], "cpu") if size in by else None
        ratio = times[1] / times[0] if times else None
        add(
            f"make site after a one-line edit, {size:,}",
            "<= 15% of cold",
            ratio,
            ratio is not None and ratio <= 0.15,
            f"{ratio:.1%} wall ({cpu[1] / cpu[0]:.1%} CPU)" if ratio is not None and cpu else "",
        )
    a, b = by.get(1000, {}).get("build"), by.get(10_000, {}).get("build")
    growth = b["seconds"] / a["seconds"] if a and b else None
    add(
        "Full mkdocs build growth 1,000 -> 10,000",
        "<= 10.5x",
        growth,
        growth is not None and growth <= 10.5,
        f"{growth:.1f}x" if growth else "",
    )
    base = by.get(10_000, {}).get("baseline")
    half = b["seconds"] / base["seconds"] if b and base else None
    add(
        "Full mkdocs build at 10,000 vs the baseline checkout (same run)",
        "<= 0.5x",
        half,
        half is not None and half <= 0.5,
        f"{half:.2f}x ({b['seconds']:.1f} s vs {base['seconds']:.1f} s)" if half and b and base else "",
    )
    r = by.get(100_000)
    big = r and r.get("build")
    peak = max(r["cold"]["peak_mb"], big["peak_mb"]) if r and big else None
    add(
        "100,000: generate and full site finish; peak memory",
        "<= 4,096 MB",
        peak,
        peak is not None and peak <= 4096,
        f"{peak:.0f} MB (generate {r['cold']['peak_mb']:.0f}, mkdocs {big['peak_mb']:.0f}); "
        f"generate {r['cold']['total']:.0f} s + mkdocs {big['seconds']:.0f} s"
        if peak and r and big
        else "",
    )
    small = seeds and seeds.get("build")
    change = b["paper_page_kb"] / small["paper_page_kb"] - 1 if b and small else None
    add(
        "Mean paper page size at 10,000 vs at 47 (seeds/)",
        "within 20%",
        change,
        change is not None and abs(change) <= 0.2,
        f"{change:+.1%}" if change is not None else "",
    )
    return "\n".join(rows)
