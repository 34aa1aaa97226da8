"""`make fresh NB=04`: notebook 04 as published, back in my-notebooks/, and the learner's version never lost.

NB may be the number (4, 04), the file's name with or without .ipynb (04_loss, 04_loss.ipynb), the start of
its name, or a path to it (what tab completion gives). A name that matches no notebook, or several, is
refused with the list of notebooks.

"Changed" means what a learner writes: the text of the cells, code and markdown, in their order, and any
picture pasted into a markdown cell. Outputs, execution counts, widget state and metadata do not count:
running a notebook changes them, and JupyterLab's autosave after a run rewrites them (new widget ids, a
timing, 6.0 saved as 6) with nothing written by the learner; running the notebook again brings them back.
Empty cells do not count either (Shift+Enter on the last cell adds one). A file that is not a readable
notebook counts as changed: it is kept.

A changed notebook is kept as NN_name.old-K.ipynb, K one more than the highest already there, so a kept
copy is never overwritten; the message names it and every earlier one. An unchanged notebook is
replaced and nothing is kept (the message says so). Plain Python, no third-party package: it runs
before .venv exists.
"""

import argparse
import json
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("nb", help="the notebook: 4, 04, 04_loss or 04_loss.ipynb")
    parser.add_argument("--published", type=Path, default=Path("notebooks"), help="the published notebooks")
    parser.add_argument("--work", type=Path, default=Path("my-notebooks"), help="the learner's copies")
    args = parser.parse_args(argv)
    published = sorted(args.published.glob("[0-9][0-9]_*.ipynb"))
    matches = find(args.nb, published)
    if len(matches) != 1:
        print(refusal(args.nb, matches or published, bool(matches)), file=sys.stderr)
        return 1
    for line in restore(matches[0], args.work):
        print(line)
    return 0


def find(nb, published):
    """The published notebooks that ``nb`` names: by number, by name, or by the start of a name."""
    wanted = Path(nb.strip()).name.lower()
    wanted = wanted[:-len(".ipynb")] if wanted.endswith(".ipynb") else wanted
    if not wanted:
        return []
    if wanted.isdigit():
        return [path for path in published if int(path.name[:2]) == int(wanted)]
    exact = [path for path in published if path.stem.lower() == wanted]
    return exact or [path for path in published
                     if path.stem.lower().startswith(wanted) or path.stem[3:].lower().startswith(wanted)]


def refusal(nb, listed, several):
    what = f"NB={nb} names {len(listed)} notebooks" if several else \
        ("NB is empty" if not nb.strip() else f"NB={nb} names no notebook of notebooks/")
    names = "\n".join(f"  {path.name[:2]}  {path.name}" for path in listed)
    return f"make fresh: {what}. Name one, by its number or its name, e.g. make fresh NB=04:\n{names}"


def restore(original, work):
    """Put ``original`` in ``work``, keeping the learner's copy there under a new name if they changed it.
    Returns the lines that say what happened."""
    mine = work / original.name
    earlier = kept_copies(work, original.stem)
    lines, kept = [], None
    if not mine.exists():
        lines.append(f"{mine}: the published notebook (you had no copy of it)")
    elif written(mine) == written(original):
        lines.append(f"{mine}: the published notebook again. Yours had no changes of your own (its cells said "
                     "what the published ones say; outputs do not count), so nothing was kept.")
    else:
        kept = keep(mine, work, original.stem, earlier)
        lines.append(f"{mine}: the published notebook again. Yours is kept as {kept}")
    if earlier:
        lines.append("Your earlier versions are still there: " + ", ".join(str(path) for _, path in earlier))
    put(original, mine)
    if kept:    # the tab of an open notebook still holds the learner's version: saving it would write it back
        lines.append("If JupyterLab has it open, use File > Reload Notebook from Disk there before you save.")
    return lines


def written(path):
    """What a learner can have written in a notebook: each non-empty cell's type, text and pasted pictures,
    in order. None when the file is not a notebook that can be read (then it counts as changed)."""
    try:
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        texts = [(cell["cell_type"], source(cell).rstrip(), cell.get("attachments") or None) for cell in cells]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return [text for text in texts if text[1].strip() or text[2]]


def source(cell):
    """A cell's text: nbformat stores it as one string or as a list of lines."""
    text = cell.get("source", "")
    return "".join(text) if isinstance(text, list) else text


def kept_copies(work, stem):
    """The copies kept so far, (K, path) by K; NN_name.old.ipynb (from before numbering) counts as K = 0."""
    pattern = re.compile(rf"{re.escape(stem)}\.old(?:-([0-9]+))?\.ipynb")
    found = [(int(match.group(1) or 0), path) for path in work.glob(f"{stem}.old*.ipynb")
             if (match := pattern.fullmatch(path.name))]
    return sorted(found)


def keep(mine, work, stem, earlier):
    """Copy the learner's notebook to the next free NN_name.old-K.ipynb; never over an existing file."""
    number = max((k for k, _ in earlier), default=0) + 1
    while True:
        kept = work / f"{stem}.old-{number}.ipynb"
        try:
            with open(kept, "xb") as copy:       # "x": fails if the file exists, even one made a moment ago
                copy.write(mine.read_bytes())
            return kept
        except FileExistsError:
            number += 1


def put(original, mine):
    """Copy ``original`` to ``mine`` through a temporary file, so ``mine`` is never half written."""
    mine.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=mine.parent, prefix=".fresh-", suffix=".ipynb")
    os.close(handle)
    try:
        shutil.copyfile(original, temporary)
        os.replace(temporary, mine)
    finally:
        if os.path.exists(temporary):
            os.remove(temporary)


if __name__ == "__main__":
    sys.exit(main())
