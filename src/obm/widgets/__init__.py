"""Les vues interactives du cours (ipywidgets).

Un widget montre et fait manipuler ; il ne porte jamais une réponse notée : la correction
relance le notebook, et seules les cellules de code comptent.

Un fichier par domaine (``obm.widgets.planification``, ``obm.widgets.kpi``…) ; les noms publics
restent importables d'ici (``from obm.widgets import retroplanning_interactif``). Rien de lourd
n'est importé tant qu'on ne demande pas un widget.
"""

from __future__ import annotations

import importlib

# nom public -> module du paquet qui le définit
_OU = {
    "AnalyseurConsigne": "clarte",
    "AnalyseurFeedback": "feedback",
    "ArbreOKRInteractif": "vision",
    "BudgetLancementInteractif": "finances",
    "Autoevaluation": "autoevaluation",
    "CartesEnRetardInteractives": "outils",
    "EngagementInteractif": "marketing",
    "EnpsPetiteEquipeInteractif": "motivation",
    "EstimationInteractive": "projet",
    "GainAutomatisationInteractif": "automatisation",
    "MatriceInteractive": "decision",
    "ForfaitInteractif": "facturation",
    "ModesConflitInteractif": "conflits",
    "GrilleInteractive": "projet_final",
    "PlanDeChargeInteractif": "equipe",
    "ProgressionInteractive": "progression",
    "ReformulationInteractive": "ecoute",
    "Questionnaire": "quiz",
    "ReponseRisqueInteractive": "risques",
    "RetroplanningInteractif": "planification",
    "TableauDeBordInteractif": "kpi",
    "ValeurAcquiseInteractive": "suivi",
    "ZopaInteractive": "negociation",
    "analyseur_consigne": "clarte",
    "analyseur_feedback": "feedback",
    "arbre_okr_interactif": "vision",
    "autoevaluation_competences": "autoevaluation",
    "budget_lancement_interactif": "finances",
    "cartes_en_retard_interactives": "outils",
    "engagement_interactif": "marketing",
    "enps_petite_equipe_interactif": "motivation",
    "estimation_interactive": "projet",
    "gain_automatisation_interactif": "automatisation",
    "matrice_interactive": "decision",
    "forfait_interactif": "facturation",
    "modes_conflit_interactif": "conflits",
    "grille_interactive": "projet_final",
    "plan_de_charge_interactif": "equipe",
    "progression_interactive": "progression",
    "reformulation_interactive": "ecoute",
    "questionnaire": "quiz",
    "reponse_risque_interactive": "risques",
    "retroplanning_interactif": "planification",
    "tableau_de_bord_interactif": "kpi",
    "valeur_acquise_interactive": "suivi",
    "zopa_interactive": "negociation",
}

__all__ = sorted(_OU)


def __getattr__(nom):
    if nom in _OU:
        return getattr(importlib.import_module(f"obm.widgets.{_OU[nom]}"), nom)
    raise AttributeError(f"module 'obm.widgets' has no attribute {nom!r}")


def __dir__():
    return sorted(list(globals()) + list(_OU))
