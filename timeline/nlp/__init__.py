"""Language basics shared by every stage: one tokenizer, one sentence splitter, one lemmatiser.

    tokens(text, start, end)  -> [(start, end)] word and punctuation tokens
    sentences(text)           -> [(start, end)] trimmed sentence spans, in order
    Sentences(text)           -> the same with ``at(offset)`` lookups by bisect
    lemma(word, pos)          -> the dictionary form (lemminflect's tables)
    parts_of_speech(word)     -> the universal POS tags the word can have (lemminflect's tables)
    verb_forms(word, full=False) -> the Penn verb tags it can be (VBD, VBN, VBZ, VBG, VB, VBP)

Everything works on character offsets into the untouched text (see DESIGN.md), and every
pattern is compiled once at import.
"""

from .lexicon import lemma, parts_of_speech, verb_forms
from .tokens import Sentences, sentences, tokens, words

__all__ = ["Sentences", "lemma", "parts_of_speech", "sentences", "tokens", "verb_forms", "words"]
