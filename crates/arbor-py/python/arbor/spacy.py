"""The spaCy bridge: Arbor's analyses in a spaCy ``Doc``, so displaCy and spaCy code run on them.

    import spacy, arbor
    from spacy import displacy
    nlp = arbor.load()
    sdoc = arbor.to_spacy(nlp("She saw a dog."), spacy.blank("en").vocab)
    displacy.render(sdoc, style="dep")

Each syntactic word becomes a spaCy token (a multiword token's words are separate tokens, as
UD has them); ``Token.whitespace_`` follows SpaceAfter=No (a multiword token's own); sentences start where Arbor's do;
heads and labels (UD's, the root's included: ``root``), UPOS (``pos_``), XPOS (``tag_``), FEATS (``morph``) and lemmas are carried.
"""

from __future__ import annotations


def to_spacy(doc, vocab):
    from spacy.tokens import Doc as SpacyDoc

    words, spaces, heads, deps, pos, tags, morphs, lemmas, starts = [], [], [], [], [], [], [], [], []
    for sentence in doc.sentences:
        base = len(words)
        for w in sentence.words:
            words.append(w.form)
            spaces.append(w.space_after)
            head = w.head if w.head is not None else 0
            # spaCy marks the root by a head pointing at itself.
            heads.append(base + (head - 1 if head > 0 else w.id - 1))
            deps.append(w.deprel if w.deprel != "_" else ("root" if head == 0 else "dep"))
            pos.append(w.upos if w.upos != "_" else "X")
            tags.append(w.xpos if w.xpos != "_" else "")
            morphs.append(w.feats if w.feats != "_" else "")
            lemmas.append(w.lemma if w.lemma != "_" else w.form)
            starts.append(w.id == 1)
    return SpacyDoc(
        vocab,
        words=words,
        spaces=spaces,
        heads=heads,
        deps=deps,
        pos=pos,
        tags=tags,
        morphs=morphs,
        lemmas=lemmas,
        sent_starts=starts,
    )
