"""Print the raw text of a CoNLL-U file, rebuilt from `# text`: the sentences of a paragraph
joined by a space, paragraphs (`# newpar` / `# newdoc`) by a blank line. Used by the benches.

    python benches/ewt_raw_text.py en_ewt-ud-test.conllu > test.txt
"""
import sys

paras, cur = [], []
for line in open(sys.argv[1], encoding="utf-8"):
    if line.startswith("# newdoc") or line.startswith("# newpar"):
        if cur:
            paras.append(" ".join(cur))
            cur = []
    elif line.startswith("# text = "):
        cur.append(line[len("# text = "):].rstrip("\n"))
if cur:
    paras.append(" ".join(cur))
sys.stdout.write("\n\n".join(paras) + "\n")
