"""The fault table: each fault made for real, then the console script run in a fresh process.

    .venv/bin/python tests/reliability/fault_table.py > tests/reliability/FAULTS.md

Every fault gets a CHECKER_HOME of its own under a temporary folder (the built embedder is linked
or copied as hard links from the user's, never written); the articles are the headline and first
sentence of seed 000 (one high finding) unless the fault is in the articles. Prints a Markdown
table: the fault, the exit status, and what the run said on stderr. Takes a few minutes (several
faults load the models cold, and the lock faults wait out the 10 s lock timeout).
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

import numpy as np  # noqa: E402
from reliability_support import (  # noqa: E402
    copy_built_embedder,
    make_home,
    read_only,
    replace_file,
    small_corpus,
)
from seed_runs import REPO  # noqa: E402

from checker.cache import CACHE_FILE, ModelCache  # noqa: E402
from checker.embed.default import DEFAULT_EMBEDDER_NAME, ensure_default_embedder  # noqa: E402

CHECK = str(Path(sys.executable).with_name("check"))


@dataclass
class Outcome:
    status: int | str
    stderr: list[str]
    findings: int | None


def run(args: list[str], home: Path, **kwargs: object) -> Outcome:
    env = {**os.environ, "CHECKER_HOME": str(home), "NO_COLOR": "1", "CHECKER_DEBUG": ""}
    done = subprocess.run(
        [CHECK, *args], env=env, cwd=REPO, capture_output=True, text=True, check=False, **kwargs
    )  # type: ignore[call-overload]
    try:
        findings: int | None = len(json.loads(done.stdout)["findings"])
    except (ValueError, KeyError):
        findings = None
    return Outcome(done.returncode, done.stderr.splitlines(), findings)


def warm_home(root: Path, corpus: Path) -> Path:
    """A home whose cache holds the corpus's vectors (one run made them)."""
    home = make_home(root)
    run([str(corpus), "--nli", "none", "--format", "json"], home)
    return home


JSON = ["--nli", "none", "--format", "json"]
Fault = Callable[[Path], Outcome]
FAULTS: dict[str, Fault] = {}


def fault(name: str) -> Callable[[Fault], Fault]:
    def register(f: Fault) -> Fault:
        FAULTS[name] = f
        return f

    return register


def corpus_in(root: Path) -> Path:
    return small_corpus(root / "content")


def edited(corpus: Path) -> Path:
    """The corpus with one new sentence: the run must write to the cache."""
    article = next(corpus.iterdir())
    article.write_text(
        article.read_text(encoding="utf-8") + "وأكد المتحدث أن الزيارة تستمر يومين.\n", "utf-8"
    )
    return corpus


# --- the cache ----------------------------------------------------------------------------------


@fault("cache: random bytes over the file")
def _(root: Path) -> Outcome:
    corpus = corpus_in(root)
    home = warm_home(root, corpus)
    (home / "cache" / CACHE_FILE).write_bytes(os.urandom(8192))
    return run([str(corpus), *JSON], home)


@fault("cache: the next run after that")
def _(root: Path) -> Outcome:
    corpus = corpus_in(root)
    home = warm_home(root, corpus)
    (home / "cache" / CACHE_FILE).write_bytes(os.urandom(8192))
    run([str(corpus), *JSON], home)
    return run([str(corpus), *JSON], home)


@fault("cache: file cut to a third (interrupted copy)")
def _(root: Path) -> Outcome:
    corpus = corpus_in(root)
    home = warm_home(root, corpus)
    store = home / "cache" / CACHE_FILE
    filler = ModelCache(store)  # rows of another model: a store of many pages, as a real one is
    filler.put_many("embedding", "other-model", {f"k{i}": np.ones(384, dtype=np.float32) for i in range(300)})
    filler.close()
    store.write_bytes(store.read_bytes()[: store.stat().st_size // 3])
    return run([str(corpus), *JSON], home)


@fault("cache: another table layout")
def _(root: Path) -> Outcome:
    corpus = corpus_in(root)
    home = make_home(root)
    (home / "cache").mkdir()
    with sqlite3.connect(home / "cache" / CACHE_FILE) as db:
        db.execute("CREATE TABLE outputs (key TEXT PRIMARY KEY, value BLOB)")
    db.close()
    return run([str(corpus), *JSON], home)


@fault("cache: a folder where the file should be")
def _(root: Path) -> Outcome:
    corpus = corpus_in(root)
    home = make_home(root)
    (home / "cache" / CACHE_FILE).mkdir(parents=True)
    return run([str(corpus), *JSON], home)


@fault("cache: locked by another process (exclusive)")
def _(root: Path) -> Outcome:
    corpus = corpus_in(root)
    home = warm_home(root, corpus)
    holder = sqlite3.connect(home / "cache" / CACHE_FILE)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        return run([str(corpus), *JSON], home)
    finally:
        holder.rollback()
        holder.close()


@fault("cache: another process holds the write lock")
def _(root: Path) -> Outcome:
    corpus = corpus_in(root)
    home = warm_home(root, corpus)
    holder = sqlite3.connect(home / "cache" / CACHE_FILE)
    holder.execute("BEGIN IMMEDIATE")
    try:
        return run([str(edited(corpus)), *JSON], home)
    finally:
        holder.rollback()
        holder.close()


@fault("cache: read-only file, a new sentence to save")
def _(root: Path) -> Outcome:
    corpus = corpus_in(root)
    home = warm_home(root, corpus)
    with read_only(home / "cache" / CACHE_FILE):
        return run([str(edited(corpus)), *JSON], home)


@fault("cache: read-only folder")
def _(root: Path) -> Outcome:
    corpus = corpus_in(root)
    home = warm_home(root, corpus)
    with read_only(home / "cache"):
        return run([str(corpus), *JSON], home)


@fault("cache: disk full (file size limit on the process)")
def _(root: Path) -> Outcome:
    corpus = corpus_in(root)
    home = warm_home(root, corpus)
    size = (home / "cache" / CACHE_FILE).stat().st_size

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))

    return run([str(edited(corpus)), *JSON], home, preexec_fn=limit)


@fault("cache: run killed (SIGKILL) while saving, then the next run")
def _(root: Path) -> Outcome:
    corpus = corpus_in(root)
    home = make_home(root)
    env = {**os.environ, "CHECKER_HOME": str(home)}
    proc = subprocess.Popen(
        [CHECK, str(corpus), *JSON], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    wal = home / "cache" / (CACHE_FILE + "-wal")
    first = 0
    while proc.poll() is None:
        size = wal.stat().st_size if wal.exists() else 0
        if first and size > first:
            break
        first = first or size
        time.sleep(0.002)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    return run([str(corpus), *JSON], home)


@fault("cache: three cold runs at once (the third run's outcome)")
def _(root: Path) -> Outcome:
    corpus = corpus_in(root)
    home = make_home(root)
    env = {**os.environ, "CHECKER_HOME": str(home)}
    procs = [
        subprocess.Popen(
            [CHECK, str(corpus), *JSON], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(3)
    ]
    outs = [p.communicate() for p in procs]
    reports = {json.dumps({k: v for k, v in json.loads(o).items() if k != "stats"}) for o, _ in outs}
    status: int | str = procs[2].returncode if len(reports) == 1 else "reports differ"
    return Outcome(status, outs[2][1].splitlines(), len(json.loads(outs[2][0])["findings"]))


# --- CHECKER_HOME and the built embedder ---------------------------------------------------------


@fault("home: CHECKER_HOME under a regular file")
def _(root: Path) -> Outcome:
    (root / "file").write_text("")
    return run([str(corpus_in(root)), *JSON], root / "file" / "home")


@fault("home: CHECKER_HOME cannot be created (/proc/…)")
def _(root: Path) -> Outcome:
    return run([str(corpus_in(root)), *JSON], Path("/proc/no-such-home"))


@fault("home: CHECKER_HOME read-only and empty")
def _(root: Path) -> Outcome:
    corpus = corpus_in(root)
    home = root / "home"
    home.mkdir()
    with read_only(home):
        return run([str(corpus), *JSON], home)


@fault("home: read-only, with the model and a warm cache")
def _(root: Path) -> Outcome:
    corpus = corpus_in(root)
    home = warm_home(root, corpus)
    with read_only(home, home / "cache", home / "models"):
        return run([str(corpus), *JSON], home)


@fault("home: cannot be created, --embedder FOLDER given")
def _(root: Path) -> Outcome:
    (root / "file").write_text("")
    corpus = corpus_in(root)
    return run([str(corpus), *JSON, "--embedder", str(ensure_default_embedder())], root / "file" / "home")


def damaged_home(root: Path, damage: Callable[[Path], None]) -> Path:
    home = root / "home"
    built = copy_built_embedder(home / "models" / DEFAULT_EMBEDDER_NAME)
    damage(built)
    return home


@fault("embedder: model.safetensors missing")
def _(root: Path) -> Outcome:
    home = damaged_home(root, lambda d: (d / "model.safetensors").unlink())
    return run([str(corpus_in(root)), *JSON], home)


@fault("embedder: model.safetensors cut short")
def _(root: Path) -> Outcome:
    home = damaged_home(
        root, lambda d: replace_file(d / "model.safetensors", (d / "model.safetensors").read_bytes()[: 10**6])
    )
    return run([str(corpus_in(root)), *JSON], home)


@fault("embedder: tokenizer.json damaged inside (loads fail)")
def _(root: Path) -> Outcome:
    def spoil(d: Path) -> None:
        data = (d / "tokenizer.json").read_bytes()
        replace_file(d / "tokenizer.json", data[: len(data) // 2] + b"\0" * 64 + data[len(data) // 2 + 64 :])

    return run([str(corpus_in(root)), *JSON], damaged_home(root, spoil))


@fault("embedder: modules.json missing, models folder read-only")
def _(root: Path) -> Outcome:
    home = damaged_home(root, lambda d: (d / "modules.json").unlink())
    with read_only(home / "models"):
        return run([str(corpus_in(root)), *JSON], home)


# --- the articles and options --------------------------------------------------------------------


def one_file(root: Path, name: str, data: bytes, *extra: str) -> Outcome:
    folder = root / "content"
    folder.mkdir()
    small_corpus(folder)
    (folder / name).write_bytes(data)
    return run([str(folder), *JSON, *extra], warm_home(root, small_corpus(root / "warm")))


@fault("input: JSON 100,000 lists deep")
def _(root: Path) -> Outcome:
    return one_file(root, "deep.json", b"[" * 100_000 + b"]" * 100_000)


@fault("input: HTML 400 elements deep")
def _(root: Path) -> Outcome:
    page = (
        "<html><body>"
        + "<div>" * 400
        + "<p>قال المتحدث إن الاجتماع عقد أمس.</p>"
        + "</div>" * 400
        + "</body></html>"
    )
    return one_file(root, "deep.html", page.encode())


@fault("input: JSON record with an empty text")
def _(root: Path) -> Outcome:
    return one_file(root, "empty.json", json.dumps({"title": "عنوان", "text": ""}).encode())


@fault("input: empty JSON list")
def _(root: Path) -> Outcome:
    return one_file(root, "list.json", b"[]")


@fault("input: symbolic-link loop")
def _(root: Path) -> Outcome:
    folder = root / "content"
    small_corpus(folder)
    os.symlink(folder / "b.txt", folder / "a.txt")
    os.symlink(folder / "a.txt", folder / "b.txt")
    return run([str(folder), *JSON], warm_home(root, small_corpus(root / "warm")))


@fault("input: lone surrogate escape in a JSON record")
def _(root: Path) -> Outcome:
    record = '{"title": "عنوان \\ud800", "text": "قال المتحدث إن الاجتماع \\udc80 عقد أمس في طهران."}'
    return one_file(root, "half.json", record.encode())


@fault("input: file name that is not UTF-8")
def _(root: Path) -> Outcome:
    folder = small_corpus(root / "content")
    article = next(folder.iterdir())
    os.rename(article, os.fsencode(folder) + b"/\xff\xfe.txt")
    return run([str(folder), *JSON], make_home(root))


@fault("input: superscript digits (² ①) in a sentence")
def _(root: Path) -> Outcome:
    return one_file(root, "sup.txt", "وصل ² من الأشخاص في ① يناير إلى العاصمة أمس.\n".encode())


def binary_settings(root: Path, option: str) -> Outcome:
    garbage = root / "garbage.bin"
    garbage.write_bytes(b"\x00\xa7\xff\xfe" + os.urandom(200))
    return run([str(corpus_in(root)), *JSON, option, str(garbage)], make_home(root))


@fault("settings: --config FILE that is not text")
def _(root: Path) -> Outcome:
    return binary_settings(root, "--config")


@fault("settings: --baseline FILE that is not text")
def _(root: Path) -> Outcome:
    return binary_settings(root, "--baseline")


@fault("settings: --kb FILE that is not text")
def _(root: Path) -> Outcome:
    return binary_settings(root, "--kb")


@fault("output: standard output on a full disk (/dev/full)")
def _(root: Path) -> Outcome:
    corpus = corpus_in(root)
    home = warm_home(root, corpus)
    with open("/dev/full", "wb") as full:
        done = subprocess.run(
            [CHECK, str(corpus), *JSON],
            env={**os.environ, "CHECKER_HOME": str(home)},
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    return Outcome(done.returncode, done.stderr.splitlines(), None)


@fault("output: the reader stops early (check piped to head)")
def _(root: Path) -> Outcome:
    corpus = corpus_in(root)
    home = warm_home(root, corpus)
    env = {**os.environ, "CHECKER_HOME": str(home)}
    proc = subprocess.Popen(
        [CHECK, str(corpus), *JSON], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert proc.stdout is not None
    proc.stdout.close()
    _, err = proc.communicate()
    return Outcome(proc.returncode, err.decode().splitlines(), None)


@fault("option: --device cuda without CUDA")
def _(root: Path) -> Outcome:
    return run([str(corpus_in(root)), *JSON, "--no-cache", "--device", "cuda"], make_home(root))


@fault("option: --device gpu0 (no such device)")
def _(root: Path) -> Outcome:
    return run([str(corpus_in(root)), *JSON, "--no-cache", "--device", "gpu0"], make_home(root))


def main() -> int:
    only = sys.argv[1:]
    print("| fault | exit | findings | stderr |")
    print("|---|---|---|---|")
    for name, make in FAULTS.items():
        if only and not any(o in name for o in only):
            continue
        root = Path(tempfile.mkdtemp(prefix="fault-"))
        try:
            outcome = make(root)
        except Exception as exc:  # the table must say so, not stop
            outcome = Outcome(f"table error: {type(exc).__name__}: {exc}", [], None)
        finally:
            subprocess.run(["chattr", "-R", "-i", str(root)], capture_output=True, check=False)
            shutil.rmtree(root, ignore_errors=True)
        said = (
            "<br>".join(line.replace(str(root), "…").replace("|", "\\|") for line in outcome.stderr)
            or "(nothing)"
        )
        found = "" if outcome.findings is None else str(outcome.findings)
        print(f"| {name} | {outcome.status} | {found} | {said} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
