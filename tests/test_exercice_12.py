"""Exercise 12's visible checks, run as a learner's notebook would run them (without nbgrader).

The review found that Q2's visible check could never fire: it compared a ROAS computed on the
whole revenue with that same revenue, and Meta is the only paid channel, so the two were always
equal. These tests run the checks' own code (the visible part of the locked cells) on answers
that the catalogue of typical mistakes does not know, so that only the consistency checks can
speak, and on the solution's answers, which must pass.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from obm import verifier as v

RACINE = Path(__file__).resolve().parents[1]
SOLUTION = RACINE / "solutions" / "12_analyse_donnees" / "exercice.ipynb"


def _cellules() -> dict[str, str]:
    """The code cells of the solution, by nbgrader id, without hidden tests or solution marks."""
    from obm.catalogue import _code_visible

    notebook = json.loads(SOLUTION.read_text(encoding="utf-8"))
    cellules = {}
    for cellule in notebook["cells"]:
        if cellule["cell_type"] == "code":
            grade_id = cellule["metadata"]["nbgrader"]["grade_id"]
            cellules[grade_id] = _code_visible("".join(cellule["source"]))
    return cellules


@pytest.fixture(scope="module")
def espace():
    """The namespace after the locked preparation cell."""
    cellules = _cellules()
    espace: dict = {}
    exec(cellules["preparation"], espace)  # noqa: S102 - the course's own locked cell
    return cellules, espace


def _verifier(cellules, espace, reponse, verification, **valeurs):
    """Runs an answer, then the check cell with the catalogue switched off; returns the result."""
    resultats = []

    def enregistrer(question, noms, *controles, **_options):
        resultats.append(v.controler(question, noms, *controles, espace=ns, catalogue=False))

    ns = dict(espace)
    exec(cellules[reponse], ns)  # noqa: S102 - the solution's answer
    ns.update(valeurs)
    ns["verifier"] = enregistrer
    exec(cellules[verification], ns)  # noqa: S102 - the locked check cell
    (resultat,) = resultats
    return resultat


def test_q2_la_solution_a_une_forme_correcte(espace):
    """Does the solution's answer to Q2 pass its visible check?"""
    cellules, ns = espace
    assert _verifier(cellules, ns, "reponse_q2", "q2_ca_publicite").statut == v.FORME_CORRECTE


def test_q2_un_roas_sur_tout_le_chiffre_d_affaires_est_signale(espace):
    """Does Q2's check now fire for a ROAS computed on the whole revenue, whatever revenue the
    learner took (here the cash taken on the day of the orders, which no mutant uses)?"""
    cellules, ns = espace
    lancement = ns["lancement"]
    depenses = lancement.loc[lancement["source"] == "facebook_ads", "depenses_pub"].sum()
    encaisse = float(lancement["chiffre_affaires"].sum())
    resultat = _verifier(cellules, ns, "reponse_q2", "q2_ca_publicite",
                         ca_net_ttc=encaisse, roas_meta=encaisse / depenses)
    assert resultat.statut == v.A_REVOIR
    assert "tout le chiffre d'affaires du lancement" in resultat.message


def test_q2_un_cout_par_cliente_sur_toutes_les_commandes_est_signale(espace):
    """Does Q2's check fire when the ad spend is divided by every order of the launch?"""
    cellules, ns = espace
    lancement = ns["lancement"]
    depenses = lancement.loc[lancement["source"] == "facebook_ads", "depenses_pub"].sum()
    resultat = _verifier(cellules, ns, "reponse_q2", "q2_ca_publicite",
                         cout_par_cliente_meta=round(depenses / 100, 2))
    assert resultat.statut == v.A_REVOIR
    assert "toutes les commandes du lancement" in resultat.message


def test_q3_la_page_de_vente_sur_toutes_les_visites_est_signalee(espace):
    """Does Q3's check fire when the sales page's rate divides by every visit of the launch?"""
    cellules, ns = espace
    lancement = ns["lancement"]
    assert _verifier(cellules, ns, "reponse_q3", "q3_face_aux_reperes").statut == v.FORME_CORRECTE
    resultat = _verifier(cellules, ns, "reponse_q3", "q3_face_aux_reperes",
                         taux_page_de_vente=lancement["ventes"].sum() / lancement["visites"].sum())
    assert resultat.statut == v.A_REVOIR
    assert "jours du panier" in (resultat.indice or "")


def test_q4_les_choix_et_leur_forme(espace):
    """Does Q4 b accept the three choices only, and Q4 a refuse a percentage as a p-value?"""
    cellules, ns = espace
    assert _verifier(cellules, ns, "reponse_q4b", "q4b_ab_decision").statut == v.FORME_CORRECTE
    assert _verifier(cellules, ns, "reponse_q4b", "q4b_ab_decision",
                     decision_ab="on garde A").statut == v.A_REVOIR
    assert _verifier(cellules, ns, "reponse_q4a", "q4a_ab_chiffres",
                     p_value_ab=9.2).statut == v.A_REVOIR
