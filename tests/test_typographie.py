"""French typography: a narrow no-break space (U+202F) before « : ; ? ! » and inside « », in the
notebooks and in every string a learner or a trainer reads (outils/typographie.py applies it)."""

import sys
from pathlib import Path

RACINE = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(RACINE / "outils"))

import typographie as t  # noqa: E402

F = "\u202f"


def test_regles_sur_du_texte():
    """Are the spaces before double punctuation and inside French quotes made non-breaking?"""
    assert t.corriger_texte("Attention : « oui » ; non ? Si !") == \
        f"Attention{F}: «{F}oui{F}»{F}; non{F}? Si{F}!"
    # Already right, or nothing to do: unchanged.
    assert t.corriger_texte(f"Déjà{F}: bon") == f"Déjà{F}: bon"
    assert t.corriger_texte("12:30, http://a.b/?x=1") == "12:30, http://a.b/?x=1"
    assert t.corriger_texte("36 662 € en 15 h") == f"36{F}662\u00a0€ en 15\u00a0h"


def test_markdown_garde_le_code_les_liens_et_les_images():
    """Are inline code, code blocks, link targets, HTML and images left untouched?"""
    texte = "Écris `x = a if b else c` : voilà ![un graphique](img.png) et [lien](http://a?b=1)."
    assert t.corriger_markdown(texte) == texte.replace(" : ", f"{F}: ")
    bloc = "```python\nprint('a : b')\n```\nFin : ok"
    assert t.corriger_markdown(bloc) == f"```python\nprint('a : b')\n```\nFin{F}: ok"


def test_python_seulement_les_chaines_de_texte():
    """In code, are only prose strings changed (not raw strings, not f-string fields)?"""
    source = 'x = {"a": 1}\nprint(f"Total : {x:.0f} €")\nmotif = r"\\s : "\n'
    corrige = t.corriger_python(source)
    assert f'f"Total{F}: {{x:.0f}} €"' in corrige
    assert 'x = {"a": 1}' in corrige and 'r"\\s : "' in corrige
    assert t.corriger_python(f'print(f"{{n}} : ok")') == f'print(f"{{n}}{F}: ok")'


def test_une_interface_epinglee_reste_telle_quelle():
    """Does a line marked « typographie : telle quelle » keep its plain spaces (pinned text)?"""
    source = 'ENTETE = "Copies à vérifier :"  # typographie : telle quelle\n'
    assert t.corriger_python(source) == source


def test_aucune_espace_insecable_ne_manque():
    """Do the notebooks, the library's strings and the learners' TOML texts all comply?"""
    manquantes = []
    for chemin, genre in t.fichiers(RACINE):
        avant, apres = t.corriger(chemin, genre)
        if avant != apres:
            lignes = t.manques(avant, apres)
            manquantes.append(f"{chemin.relative_to(RACINE)} : {len(lignes)} ligne(s), "
                              f"par exemple « {lignes[0] if lignes else '?'} »")
    assert not manquantes, ("espaces insécables manquantes : lance `python outils/typographie.py` "
                            "puis `make release`.\n" + "\n".join(manquantes))
