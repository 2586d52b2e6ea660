"""Derive battclaims/data/lang/<code>.words.txt: the language's ordinary words.

A capitalised word that opens a sentence, follows a quote or stands in a headline
written in title case is taken for a name only when it is not one of these ("Despite",
"Manufacturing" are words; "Britishvolt", "Verkor" are names). Run by hand when the
source changes (pip install wordfreq):

    python tools/derive_common_words.py fr > battclaims/data/lang/fr.words.txt
    python tools/derive_common_words.py en > battclaims/data/lang/en.words.txt

The list is wordfreq's most frequent words of the language (wordfreq 3, CC BY-SA 4.0
data), letters only, down to a Zipf frequency of 3.3 (about 2 per million words).
"""

from __future__ import annotations

import sys

import wordfreq

ZIPF = 3.3


def main() -> None:
    lang = sys.argv[1]
    words = [w for w in wordfreq.top_n_list(lang, 60000)
             if w.replace("-", "").replace("'", "").isalpha()
             and wordfreq.zipf_frequency(w, lang) >= ZIPF]
    version = getattr(wordfreq, "__version__", "3")
    sys.stdout.write(f"# {len(words)} ordinary {lang} words (wordfreq {version}, CC BY-SA 4.0 "
                     f"data, Zipf >= {ZIPF}), derived by tools/derive_common_words.py\n")
    sys.stdout.write("".join(f"{w}\n" for w in sorted(words)))


if __name__ == "__main__":
    main()
