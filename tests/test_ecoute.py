"""obm.ecoute (module 08): the lesson's reformulations and questions, the 5-whys chain, and the
question bank the learner keeps."""

from __future__ import annotations

import csv

import pytest

from obm import ecoute

FINE = "\u202f"


def _simple(texte: str) -> str:
    """The text with its narrow no-break spaces (French typography) read as plain spaces."""
    return texte.replace(FINE, " ")
from obm.erreurs import ErreurOBM


def test_chaque_replique_a_ses_quatre_reformulations():
    """Does every reply of the lesson come with one reformulation of each of the four types?"""
    for r in ecoute.REPLIQUES:
        assert set(r.reformulations) == set(ecoute.TYPES_DE_REFORMULATION)
        assert all(t.startswith("«") and t.endswith("»") for t in r.reformulations.values())
    assert ecoute.replique("Inès").texte.startswith("On me demande tout à la dernière minute.")


def test_une_clarification_se_propose_comme_une_hypothese():
    """Can the speaker answer « non, ce n'est pas ça »: do clarifications and syntheses end on a
    question, as the lesson says they must?"""
    for r in ecoute.REPLIQUES:
        for t in ("clarification", "synthèse"):
            assert _simple(r.reformulations[t]).rstrip(" »").endswith("?"), (r.qui, t)


def test_noms_inconnus_refuses_en_francais():
    """Does an unknown speaker or type raise the course's error, naming the valid choices?"""
    with pytest.raises(ErreurOBM, match="Inès"):
        ecoute.replique("Hugo")
    with pytest.raises(ErreurOBM, match="reflet"):
        ecoute.ce_que_fait("paraphrase")


def test_tableaux_de_la_lecon():
    """Do the lesson's tables have their rows, and does the example list follow the convention for
    « est-ce que tu peux m'expliquer » (open) and « est-ce que tu peux me dire quel jour » (closed)?"""
    tableau = ecoute.reformulations("Clara")
    assert len(tableau.lignes) == 4 and "<table" in tableau._repr_html_()
    formes = {_simple(q): f for q, f, _ in ecoute.exemples_de_questions().lignes}
    assert formes["Est-ce que tu peux m'expliquer comment tu prépares une publication ?"] == ecoute.OUVERTE
    assert formes["Est-ce que tu peux me dire quel jour tu publies ?"] == ecoute.FERMEE
    assert formes["On fait notre point mardi ou jeudi ?"] == ecoute.FERMEE
    assert all(q.endswith("?") for _, _, q in ecoute.banque_de_questions().lignes)


def test_la_banque_ne_propose_pas_d_options():
    """Does no question of the bank of open questions offer options to choose from (the lesson
    classes « par e-mail ou dans l'outil de projet ? » as closed, an alternative question)?"""
    for _, _, question in ecoute.banque_de_questions().lignes:
        question = _simple(question)
        assert " ou " not in question, question
        assert " : " not in question, question


def test_chaine_des_pourquoi():
    """Is a chain shown numbered, with where it stops; are empty or non-text causes refused?"""
    chaine = ecoute.chaine_des_pourquoi("La machine s'arrête.", ["Le fusible a sauté.", "Surcharge."])
    assert "1. *Pourquoi ?* Le fusible a sauté." in _simple(chaine._repr_markdown_())
    assert _simple(str(chaine)).endswith("On s'arrête sur : Surcharge.")
    with pytest.raises(ErreurOBM):
        ecoute.chaine_des_pourquoi("Problème", [])
    with pytest.raises(ErreurOBM, match="n° 2"):
        ecoute.chaine_des_pourquoi("Problème", ["a", 3])
    with pytest.raises(ErreurOBM):
        ecoute.chaine_des_pourquoi("", ["a"])


@pytest.mark.parametrize("mauvaise", [
    {"cliente": ["Qu'est-ce qui compte pour toi ?"]},
    {"client": "Qu'est-ce qui compte pour toi ?"},
    {"client": ["Qu'est-ce qui compte pour toi"]},
    {"client": []},
    {"client": ["Qu'est-ce qui compte pour toi ?"], "équipe": ["Comment vas-tu ?"]},
    ["Qu'est-ce qui compte pour toi ?"],
])
def test_mes_questions_mal_formees_refusees(mauvaise):
    """Is a bank of the wrong shape (or with fewer than three questions) refused with the course's error (never a raw traceback)?"""
    with pytest.raises(ErreurOBM):
        ecoute.controler_mes_questions(mauvaise)


def test_la_banque_s_ecrit_et_se_relit(tmp_path, monkeypatch):
    """Is the bank written as a « ; » CSV, the course's questions then hers, and read back by csv?"""
    monkeypatch.setenv("OBM_LIVRABLES", str(tmp_path))
    ecoute.ecrire_banque_de_questions({"client": ["Qu'est-ce qui te ferait dire oui ?",
                                                  "Comment décides-tu d'un prix ?"],
                                       "equipe": ["Comment vis-tu la semaine du lancement ?"]})
    with open(tmp_path / ecoute.NOM_LIVRABLE, encoding="utf-8-sig", newline="") as f:
        lignes = list(csv.DictReader(f, delimiter=";"))
    assert [l["origine"] for l in lignes].count("toi") == 3
    assert lignes[-1] == {"public": "équipe", "moment": "à préciser",
                          "question": "Comment vis-tu la semaine du lancement ?", "origine": "toi"}
    assert lignes[0]["origine"] == "cours" and lignes[0]["public"] == "client"
    assert len(lignes) == len(ecoute.banque_de_questions().lignes) + 3


def test_banque_pas_encore_faite_n_ecrit_rien(tmp_path, monkeypatch):
    """Does the untouched stub (`...`) write nothing, and a wrong shape neither, without raising?"""
    monkeypatch.setenv("OBM_LIVRABLES", str(tmp_path))
    assert ecoute.ecrire_banque_de_questions(...) is None
    assert ecoute.ecrire_banque_de_questions({"client": ["sans point"]}) is None
    assert not (tmp_path / ecoute.NOM_LIVRABLE).exists()


def test_widget_change_d_exemple():
    """Does choosing another type in the widget show that type's example and what it does?"""
    from obm.widgets import reformulation_interactive

    vue = reformulation_interactive("Inès", "écho")
    assert "À la dernière minute" in vue.resultat.value
    vue.type.value = "clarification"
    assert "sous pression" in vue.resultat.value and "hypothèse" in vue.resultat.value
    vue.qui.value = "Clara"
    assert "tout porter" in vue.resultat.value
    with pytest.raises(ErreurOBM):
        reformulation_interactive("Hugo")


def test_les_faits_hors_lancement_concordent_avec_clara_toml():
    """Do the exercise's Maison Lumière call (module 08) and the signed quote (module 10) agree with
    data/clara.toml, and do the winter webinars' incidents sit in the months the file gives?"""
    import json
    from pathlib import Path

    from obm.donnees import clara

    racine = Path(__file__).resolve().parents[1]

    def texte(chemin):
        cellules = json.loads((racine / chemin).read_text(encoding="utf-8"))["cells"]
        return _simple("".join("".join(c["source"]) for c in cellules))

    faits = clara()
    vente = faits.ateliers_maison_lumiere
    assert vente.devis_signe <= vente.devis_attendu_avant and vente.devis_signe.weekday() == 1
    exercice_08 = texte("solutions/08_ecoute_active/exercice.ipynb")
    assert "Début avril, à la fin d'un premier appel avec la responsable de Maison Lumière" in exercice_08
    assert "J'aimerais quatre ateliers avant l'été, pas plus" in exercice_08 and vente.ateliers_au_plus == 4
    assert "votre devis avant la fin avril" in exercice_08 and vente.devis_attendu_avant.day == 30
    assert f"Mardi {vente.devis_signe.day} avril" in texte("solutions/10_feedback/exercice.ipynb")
    mois = [w.mois.split()[0] for w in faits.webinaires_gratuits_hiver]
    assert mois == ["janvier", "février"]
    assert "En janvier, le replay d'un webinaire gratuit de Clara" in exercice_08
    assert "en février, l'e-mail de rappel d'un des webinaires gratuits" in texte(
        "course/modules/08_ecoute_active/lecon.ipynb")
