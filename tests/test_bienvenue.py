"""The checking loop that lesson 00 makes the learner live: its catalogue of typical mistakes is
up to date, names no right answer, and the lesson's check says what the lesson says it says."""

import json
import os
from pathlib import Path

import pytest

from obm import bienvenue, empreintes
from obm.donnees import clara
from obm.verifier import controler, taux

RACINE = Path(__file__).resolve().parents[1]


def test_catalogue_de_la_lecon_a_jour():
    """Is the lesson's catalogue what `python -m obm.bienvenue` builds from the facts of Clara?"""
    chemin = bienvenue.chemin(RACINE)
    assert chemin.read_text(encoding="utf-8") == bienvenue.texte(bienvenue.construire()), \
        "course/modules/00_bienvenue/erreurs_typiques.json n'est plus à jour : lance " \
        "`python -m obm.bienvenue`."


def test_catalogue_sans_bonne_reponse_et_messages_nommes():
    """Does the catalogue hold every typical mistake, each with a message, and never the answer?"""
    faits = clara()
    catalogue = bienvenue.construire(faits)
    messages = catalogue["questions"][bienvenue.QUESTION]
    assert len(messages) == len(bienvenue.ERREURS_TYPIQUES) >= 3
    juste = faits.lancement.objectif_ventes / faits.audience.liste_email
    assert empreintes.empreinte(bienvenue.QUESTION, [juste]) not in messages
    for message in messages.values():
        assert len(message.split()) >= 8
        lisible = message.replace("\u00a0", " ").replace("\u202f", " ")
        assert "0,01" not in lisible and "0.01" not in lisible and "1 %" not in lisible, message


@pytest.fixture
def dans_la_lecon(monkeypatch):
    """Run a check as the lesson's kernel does: from the lesson's folder, in a graded cohort."""
    monkeypatch.chdir(RACINE / bienvenue.DOSSIER_LECON)
    monkeypatch.setenv("OBM_MODE", "cohorte")


@pytest.mark.parametrize("nom, calcul, message", bienvenue.ERREURS_TYPIQUES,
                         ids=[e[0] for e in bienvenue.ERREURS_TYPIQUES])
def test_chaque_erreur_typique_est_nommee_dans_la_lecon(dans_la_lecon, nom, calcul, message):
    """In the lesson's folder, is each typical mistake of the demonstration « à revoir » with its
    message (before any form check: a rate multiplied by 100 is named, not just "above 100 %")?"""
    resultat = controler(bienvenue.QUESTION, bienvenue.NOM_REPONSE, taux(),
                         espace={bienvenue.NOM_REPONSE: calcul(clara())})
    assert (resultat.statut, resultat.message, resultat.erreur_typique) == ("a_revoir", message, True)


def test_les_quatre_etapes_de_la_demonstration(dans_la_lecon):
    """Does the lesson's check give, in turn, « pas encore fait », « à revoir » (text), « à revoir »
    (the Instagram mistake, named) and « forme correcte », as the lesson's text announces?"""
    faits = clara()
    objectif, liste_email = faits.lancement.objectif_ventes, faits.audience.liste_email

    def statut(valeur=None, *, absente=False):
        espace = {} if absente else {bienvenue.NOM_REPONSE: valeur}
        return controler(bienvenue.QUESTION, bienvenue.NOM_REPONSE, taux(), espace=espace)

    assert statut(absente=True).statut == "pas_encore_fait"
    texte = statut("1 %")
    assert texte.statut == "a_revoir" and "du texte" in texte.message and not texte.erreur_typique
    instagram = statut(objectif / faits.audience.instagram)
    assert instagram.erreur_typique and "Instagram" in instagram.message
    assert statut(objectif / liste_email).statut == "forme_correcte"


def test_la_lecon_montre_ces_etapes():
    """Does the lesson's code run the demonstration check with the catalogue's question and name?"""
    cellules = json.loads((RACINE / bienvenue.DOSSIER_LECON / "lecon.ipynb").read_text("utf-8"))["cells"]
    appels = [c for c in cellules if c["cell_type"] == "code"
              and f'verifier("{bienvenue.QUESTION}", "{bienvenue.NOM_REPONSE}"' in "".join(c["source"])]
    assert len(appels) == 4
    assert os.path.basename(bienvenue.chemin(RACINE)) == empreintes.CATALOGUE
