"""The final project's analytic rubric (module 21) and obm.projet_final.

The rubric lives in src/obm/grille_projet_final.toml (it travels with the library, so the lesson,
the exercise and the grading read it everywhere).
These tests check that it is built as Brookhart (2013) and Moskal (2000) say — weights summing to
100 %, each criterion tied to one competence of the syllabus and no competence counted twice, the
same 3–5 levels for every criterion, observable descriptors without vague level words or mere
counts — that each criterion has its two anchor answers in the trainer's copy (one at the expected
level, one below it), and that each written question's points and competences follow the rubric.
The typical rubric mistakes of domain-modules.md § 21 are the cases `controler_grille` must refuse.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from obm.erreurs import DonneesInvalides, ErreurOBM
from obm.projet_final import (GrilleInvalide, controler_grille, ecrire_rapport_projet, lire_grille,
                              note_grille, points_de, problemes_grille, tableau_grille)
from obm.syllabus import charger

RACINE = Path(__file__).resolve().parents[1]
MODULE = "21_projet_final"
SOLUTION = RACINE / "solutions" / MODULE / "exercice.ipynb"
DISTRIBUE = RACINE / "exercises" / MODULE / "exercice.ipynb"


@pytest.fixture(scope="module")
def grille():
    return lire_grille()


def _brut(grille):
    """A plain, deep copy of the rubric that a test may break."""
    return json.loads(json.dumps(grille))


def _cellules(chemin):
    return json.loads(chemin.read_text(encoding="utf-8"))["cells"]


def _source(cellule):
    return "".join(cellule["source"]) if isinstance(cellule["source"], list) else cellule["source"]


def test_la_grille_est_bien_construite(grille):
    """Does the final project's rubric pass every rule (weights, competences, levels, descriptors)?"""
    assert problemes_grille(grille) == []
    controler_grille(grille)
    assert sum(c.ponderation for c in grille.criteres) == 100
    codes = set(charger().competences)
    assert all(c.competence in codes for c in grille.criteres)
    assert len({c.competence for c in grille.criteres}) == len(grille.criteres)
    assert len({len(c.descripteurs) for c in grille.criteres}) == 1
    assert 3 <= len(grille.criteres[0].descripteurs) <= 5
    assert len(grille.noms_niveaux) == len(grille.criteres[0].descripteurs)
    assert 1 < grille.niveau_attendu <= len(grille.noms_niveaux)


# The typical rubric mistakes (domain-modules.md § 21), each applied to the real rubric.
def _mot_bon(g):
    g["criteres"][0]["descripteurs"][2] = "Un bon statut, avec la météo et les indices."


def _mot_excellent(g):
    g["criteres"][2]["descripteurs"][3] = "Un excellent feedback."


def _competence_en_double(g):
    g["criteres"][1]["competence"] = g["criteres"][0]["competence"]


def _descripteur_qui_compte(g):
    g["criteres"][4]["descripteurs"][3] = "La recommandation fait au moins dix phrases."


def _ponderations_a_110(g):
    g["criteres"][0]["ponderation"] += 10


def _ponderations_a_90(g):
    g["criteres"][5]["ponderation"] -= 10


def _critere_sans_competence(g):
    del g["criteres"][3]["competence"]


def _competence_hors_syllabus(g):
    g["criteres"][3]["competence"] = "XX9"


def _niveaux_inegaux(g):
    g["criteres"][1]["descripteurs"] = g["criteres"][1]["descripteurs"][1:]


def _deux_niveaux(g):
    for critere in g["criteres"]:
        critere["descripteurs"] = critere["descripteurs"][:2]


def _mot_flou(g):
    g["criteres"][1]["descripteurs"][3] = "Les actions sont datées rapidement et gérées au besoin."


ERREURS_DE_GRILLE = {
    "mot_de_niveau_bon": (_mot_bon, "bon"),
    "mot_de_niveau_excellent": (_mot_excellent, "excellent"),
    "competence_comptee_deux_fois": (_competence_en_double, "comptée deux fois"),
    "descripteur_qui_compte": (_descripteur_qui_compte, "compte"),
    "ponderations_110": (_ponderations_a_110, "110"),
    "ponderations_90": (_ponderations_a_90, "90"),
    "critere_sans_competence": (_critere_sans_competence, "aucune compétence"),
    "competence_hors_syllabus": (_competence_hors_syllabus, "XX9"),
    "niveaux_de_nombres_differents": (_niveaux_inegaux, "même nombre de niveaux"),
    "deux_niveaux_seulement": (_deux_niveaux, "de 3 à 5"),
    "mots_flous_du_module_07": (_mot_flou, "rapidement"),
}


@pytest.mark.parametrize("erreur", sorted(ERREURS_DE_GRILLE))
def test_une_grille_fautive_est_refusee(grille, erreur):
    """Is each typical rubric mistake refused, with a French message that names it?"""
    modifier, indice = ERREURS_DE_GRILLE[erreur]
    fautive = _brut(grille)
    modifier(fautive)
    with pytest.raises(GrilleInvalide) as refus:
        controler_grille(fautive)
    assert isinstance(refus.value, ErreurOBM)
    assert indice in str(refus.value), str(refus.value)


def test_la_note_ponderee(grille):
    """Is the score Σ weight × level ÷ top level, on the rubric's points, and are bad levels refused?"""
    tout_en_haut = {c.id: len(c.descripteurs) for c in grille.criteres}
    assert note_grille(grille, tout_en_haut) == pytest.approx(1.0)
    assert note_grille(grille, tout_en_haut, points=grille.points) == pytest.approx(grille.points)
    tout_en_bas = {c.id: 1 for c in grille.criteres}
    assert note_grille(grille, tout_en_bas) == pytest.approx(0.25)
    niveaux = dict(tout_en_haut, statut_actions=2)
    attendu = 1 - 0.15 * (1 - 2 / 4)
    assert note_grille(grille, niveaux) == pytest.approx(attendu)
    exemple = {"criteres": [{"id": "a", "ponderation": 60, "descripteurs": ["1", "2", "3", "4"]},
                            {"id": "b", "ponderation": 40, "descripteurs": ["1", "2", "3", "4"]}]}
    assert note_grille(exemple, {"a": 4, "b": 2}) == pytest.approx(0.8)
    for faux in ({"a": 5, "b": 2}, {"a": 0, "b": 2}, {"a": 2.5, "b": 2}, {"a": True, "b": 2}, {"a": 4}):
        with pytest.raises(DonneesInvalides):
            note_grille(exemple, faux)
    with pytest.raises(ErreurOBM, match="n'est pas un critère"):
        note_grille(exemple, {"a": 4, "b": 2, "c": 1})


def _notes_manuelles():
    return {c["metadata"]["nbgrader"]["grade_id"]: c for c in _cellules(SOLUTION)
            if c["metadata"].get("nbgrader", {}).get("grade") and c["metadata"]["nbgrader"].get("solution")}


def test_chaque_question_ecrite_suit_la_grille(grille):
    """Does each written question carry its criteria's share of the points, and their competences?"""
    manuelles = _notes_manuelles()
    assert set(manuelles) == {c.note for c in grille.criteres}
    module = next(m for m in charger().modules if m.id == MODULE)
    for note, cellule in manuelles.items():
        assert cellule["metadata"]["nbgrader"]["points"] == points_de(grille, note), note
        attendues = {c.competence for c in grille.criteres if c.note == note}
        assert set(module.competences_par_note[note]) == attendues, note
    assert sum(points_de(grille, n) for n in manuelles) == grille.points


_ANCRAGE = re.compile(r"^# Ancrage qui (atteint la grille|reste en deçà)\s*—\s*(.+)$", re.MULTILINE)


def test_deux_ancrages_par_critere(grille):
    """Does each criterion have two anchor answers in the trainer's copy, one at the expected level
    and one below it, and are the anchors absent from the released exercise?"""
    manuelles = _notes_manuelles()
    for critere in grille.criteres:
        texte = _source(manuelles[critere.note])
        niveaux = {}
        for sorte, liste in _ANCRAGE.findall(texte):
            for morceau in liste.split(";"):
                ident, _, niveau = morceau.partition(":")
                if ident.strip() == critere.id:
                    niveaux.setdefault(sorte, []).append(int(niveau))
        assert len(niveaux.get("atteint la grille", [])) == 1, (critere.id, niveaux)
        assert len(niveaux.get("reste en deçà", [])) == 1, (critere.id, niveaux)
        assert niveaux["atteint la grille"][0] >= grille.niveau_attendu, critere.id
        assert niveaux["reste en deçà"][0] < grille.niveau_attendu, critere.id
        # Each anchor block is followed by the answer itself (a string of several sentences).
        assert texte.count('"""') >= 4
    distribue = "\n".join(_source(c) for c in _cellules(DISTRIBUE))
    assert "Ancrage" not in distribue


def test_le_tableau_de_la_grille(grille):
    """Does the rubric's table give one row per criterion, levels from the top one down?"""
    tableau = tableau_grille(grille)
    assert len(tableau) == len(grille.criteres)
    assert list(tableau.columns)[:3] == ["critère", "compétence", "pondération"]
    assert list(tableau.columns)[3].startswith("4")
    assert len(tableau_grille(grille, "reponse_statut")) == 2


def test_le_rapport_du_projet(tmp_path):
    """Does the report hold its six parts, and does it refuse an empty text?"""
    from obm.planification import retroplanning
    from obm.suivi import valeur_acquise

    plan = retroplanning([{"id": "A", "tache": "Écrire", "duree": 2, "predecesseurs": ""},
                          {"id": "B", "tache": "Relire", "duree": 1, "predecesseurs": "A"}], date(2027, 11, 15))
    point = valeur_acquise(1000, 0.5, 0.4, 450)
    arguments = dict(cliente="Maëlle", objectif="Vendre soixante accès au cours avant le 21 novembre.",
                     plan=plan, charges_fixes_ht=1234.5, seuil_ventes=12,
                     indicateurs={"ROAS": "2,8"}, point=point, date_point=date(2027, 10, 22),
                     statut="Météo orange, le montage a deux jours de retard.",
                     recommandation="Relancer au printemps, avec le même budget de publicité.")
    chemin = Path(ecrire_rapport_projet(tmp_path / "21_projet_final.md", **arguments))
    texte = chemin.read_text(encoding="utf-8")
    assert texte.startswith("# Projet final · Maëlle")
    for partie in ("## Objectif et plan", "## Rétroplanning (résumé)", "## Budget et seuil de rentabilité",
                   "## Indicateurs du lancement", "## Statut au vendredi 22 octobre 2027", "## Recommandation"):
        assert partie in texte
    assert "| Écrire (A) |" in texte and "1\u202f234,50\u00a0€" in texte
    with pytest.raises(DonneesInvalides, match="recommandation"):
        ecrire_rapport_projet(tmp_path / "x.md", **dict(arguments, recommandation=12))
    # A text not written yet keeps its place: the report does not depend on questions 6 and 9.
    chemin = Path(ecrire_rapport_projet(tmp_path / "y.md", **dict(arguments, statut=...)))
    assert "pas encore écrit" in chemin.read_text(encoding="utf-8")


def test_le_widget_recalcule_la_note(grille):
    """Does moving one criterion's level change the weighted score and name the criterion below the bar?"""
    from obm.widgets import GrilleInteractive

    widget = GrilleInteractive(grille)
    assert "20,00 / 20" in widget.resultat.value and "✅" in widget.resultat.value
    widget.curseurs[1].value = 2
    assert widget.niveaux["statut_actions"] == 2
    assert "18,50 / 20" in widget.resultat.value.replace("\u202f", " ")
    assert "🔁" in widget.resultat.value and "Chaque écart a sa réponse" in widget.resultat.value
    assert grille.criteres[1].descripteurs[1] in widget.descripteurs[1].value.replace("&#x27;", "'")
