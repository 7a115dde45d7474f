"""Is the French of the course clean for Grammalecte (spelling, grammar, typography)?

Every markdown cell of the lessons, solutions, home page and glossary, and every message a
learner reads in a TOML file (typical mistakes, ideas to reread, syllabus), goes through
Grammalecte with its default options (outils/francais.py names each option switched off and
why). What remains must be an accepted exception (tests/donnees/exceptions_grammalecte.toml:
the word, where it stands, why).
"""

import os
import sys
from pathlib import Path

import pytest

RACINE = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(RACINE / "outils"))

import francais  # noqa: E402

pytestmark = pytest.mark.skipif(
    not francais.disponible() and os.environ.get("CI") != "true",
    reason="Grammalecte n'est pas installé : apt-get install grammalecte-cli "
           "(la CI l'installe et ne saute jamais ce test).",
)


def test_chaque_exception_dit_ou_et_pourquoi():
    """Does every accepted exception name its word (or pattern), where it stands and why?"""
    for e in francais.exceptions():
        assert ("mot" in e) != ("motif" in e), e
        assert e.get("ou"), e
        assert len(e.get("raison", "").split()) >= 4, e


def test_les_options_coupees_ont_une_raison():
    """Is every Grammalecte option switched off named with its reason?"""
    for option, raison in francais.OPTIONS_COUPEES.items():
        assert len(raison.split()) >= 6, option


def test_extraction_ote_le_code_et_garde_le_texte():
    """Does the extraction drop code, links and tags but keep the prose around them?"""
    texte = "Écris `ca = 497` puis lis [la leçon](lecon.ipynb) :\n\n```python\nx = 1\n```\n| a | b |"
    morceaux = francais.nettoyer_markdown(texte)
    assert morceaux[0].startswith("Écris X puis lis la leçon")
    assert all("x = 1" not in m and "ipynb" not in m for m in morceaux)


def test_le_francais_du_cours_est_propre():
    """Does Grammalecte find nothing left in the course's French, once exceptions are applied?"""
    reste, tous = francais.restants(RACINE)
    assert tous is not None
    assert not reste, (f"{len(reste)} signalement(s) de Grammalecte (lance "
                       "`python outils/francais.py`) :\n" + "\n".join(map(str, reste[:80])))
