"""Motivation et soin de l'équipe (module 17).

- ``BESOINS`` : les trois besoins de la théorie de l'autodétermination (Deci et Ryan) ;
  ``FACTEURS_HERZBERG`` : facteurs de motivation et facteurs d'hygiène (Herzberg, 1959).
- ``enps_par_groupe(enquete, groupe)`` : l'eNPS de chaque site ou service d'une enquête, avec
  ``obm.equipe.enps`` (la formule n'est écrite qu'une fois, dans ``obm.equipe``).
- ``theme_commentaire(texte)`` et ``compter_themes(commentaires)`` : les thèmes des
  commentaires libres d'une enquête, repérés par des mots-clés (``THEMES``).
- ``ELEMENTS_INTEGRATION``, ``controler_integration(codes)`` et
  ``ecrire_checklist_integration(chemin, ...)`` : intégrer une freelance sans créer de lien de
  subordination, et garder la liste d'intégration dans ``livrables/``.

pandas n'est importé que par les fonctions qui rendent un tableau.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from obm._affichage import FINE, bloc_html, texte
from obm.equipe import repartition_enps
from obm.erreurs import ColonneManquante, DonneesInvalides, IdentifiantInconnu, TypeInvalide

__all__ = [
    "BESOINS",
    "ELEMENTS_INTEGRATION",
    "FACTEURS_HERZBERG",
    "THEMES",
    "ControleIntegration",
    "compter_themes",
    "controler_integration",
    "ecrire_checklist_integration",
    "enps_par_groupe",
    "theme_commentaire",
]

# ---------------------------------------------------------------- théories

BESOINS = {
    "autonomie": "choisir comment on travaille, se sentir à l'origine de ce qu'on fait",
    "competence": "se sentir capable, progresser, voir l'effet de son travail",
    "appartenance": "se sentir reliée aux autres, comptée dans le groupe",
}
"""Les trois besoins psychologiques de la théorie de l'autodétermination (Deci et Ryan, 1985 ;
Ryan et Deci, 2000). Les clés s'écrivent sans accent : ``"competence"``."""

FACTEURS_HERZBERG = {
    "motivation": ["la réussite", "la reconnaissance", "le travail lui-même", "la responsabilité",
                   "la progression"],
    "hygiene": ["la politique de l'organisation", "l'encadrement", "la rémunération",
                "les conditions de travail", "les relations"],
}
"""Herzberg, *The Motivation to Work* (1959) : les facteurs de motivation donnent envie ; les
facteurs d'hygiène, quand ils manquent, mécontentent, mais les améliorer ne motive pas."""

# ---------------------------------------------------------------- eNPS par groupe


def enps_par_groupe(enquete, groupe, *, colonne_note="note"):
    """L'eNPS de chaque groupe d'une enquête (un site, un service…), trié par nom de groupe.

    ``enquete`` : un tableau (DataFrame) avec une ligne par réponse ; ``groupe`` : le nom de la
    colonne qui range les réponses (``"site"``) ; ``colonne_note`` : la colonne des notes de 0 à
    10. Renvoie un tableau indexé par groupe, avec ``reponses``, ``promoteurs``, ``passifs``,
    ``detracteurs`` (effectifs) et ``enps`` (le score de −100 à +100, non arrondi), calculé par
    ``obm.equipe.enps`` sur les notes de chaque groupe.
    """
    import pandas as pd

    if not isinstance(enquete, pd.DataFrame):
        raise TypeInvalide("`enquete` doit être un tableau (DataFrame), par ex. lu avec `pd.read_csv(...)`.")
    for colonne in (groupe, colonne_note):
        if colonne not in enquete.columns:
            raise ColonneManquante(
                f"Le tableau n'a pas de colonne « {colonne} ». Colonnes présentes : "
                + ", ".join(f"« {c} »" for c in enquete.columns) + "."
            )
    if enquete.empty:
        raise DonneesInvalides("L'enquête est vide : il faut au moins une réponse par groupe.")
    lignes = []
    for nom, bloc in enquete.groupby(groupe, sort=True):
        detail = repartition_enps(list(bloc[colonne_note]))
        lignes.append({groupe: nom, "reponses": detail.nombre_reponses, "promoteurs": detail.promoteurs,
                       "passifs": detail.passifs, "detracteurs": detail.detracteurs, "enps": detail.enps})
    return pd.DataFrame(lignes).set_index(groupe)


# ---------------------------------------------------------------- thèmes des commentaires

THEMES = {
    "charge de travail": (r"seule?s?", r"sous-effectif", r"remplacée?s?", r"débordée?s?",
                          r"surcharge", r"trop de tâches", r"pas le temps"),
    "reconnaissance": (r"merci", r"remerci\w*", r"valorisée?s?", r"reconnue?s?", r"reconnaissance",
                       r"personne ne voit"),
    "autonomie": (r"décider", r"libertés?", r"libre", r"confiance", r"autonomie"),
    "ambiance": (r"ambiance", r"collègues?", r"équipe", r"entraide", r"s'entraide\w*"),
    "horaires": (r"planning", r"horaires?", r"week-ends?"),
    "formation": (r"formations?", r"apprendre", r"progresser", r"évoluer"),
}
"""Les thèmes des commentaires et les mots qui les signalent (mots entiers, sans casse). Un
commentaire peut toucher plusieurs thèmes ; un mot-clé ne dit pas le ton (« merci » peut manquer
ou être donné) : relis toujours les commentaires eux-mêmes."""

_MOTIFS = {theme: re.compile(r"(?<![\w-])(?:" + "|".join(mots) + r")(?![\w-])", re.IGNORECASE)
           for theme, mots in THEMES.items()}


def _est_vide(commentaire) -> bool:
    if commentaire is None:
        return True
    if isinstance(commentaire, float) and commentaire != commentaire:  # NaN: an empty CSV cell
        return True
    return type(commentaire).__name__ in ("NAType", "NaTType")


def theme_commentaire(commentaire):
    """Les thèmes d'un commentaire libre, dans l'ordre de ``THEMES`` (une liste, vide si aucun).

    Un commentaire vide (``""``, ``None``, une case vide d'un CSV) n'a aucun thème.
    Exemple : ``theme_commentaire("Un merci de temps en temps ferait du bien.")`` →
    ``["reconnaissance"]``.
    """
    if _est_vide(commentaire):
        return []
    if not isinstance(commentaire, str):
        raise TypeInvalide(f"Un commentaire doit être un texte, pas {commentaire!r:.40}.")
    return [theme for theme, motif in _MOTIFS.items() if motif.search(commentaire)]


def compter_themes(commentaires):
    """Combien de commentaires touchent chaque thème : un dictionnaire {thème: nombre}.

    ``commentaires`` : une liste de textes ou une colonne d'un tableau (les cases vides sont
    ignorées). Le dictionnaire est trié du thème le plus fréquent au moins fréquent (à égalité,
    dans l'ordre de ``THEMES``) et ne garde que les thèmes présents : son premier élément est le
    thème qui revient le plus.
    """
    if isinstance(commentaires, str):
        raise TypeInvalide("Donne une liste de commentaires (ou une colonne), pas un seul texte : "
                           "pour un seul commentaire, utilise `theme_commentaire(texte)`.")
    if type(commentaires).__name__ == "Series":
        commentaires = list(commentaires)
    if not isinstance(commentaires, (list, tuple)):
        raise TypeInvalide("`commentaires` doit être une liste de textes ou une colonne d'un tableau, "
                           'par ex. `enquete["commentaire"]`.')
    comptes = {theme: 0 for theme in THEMES}
    for commentaire in commentaires:
        for theme in theme_commentaire(commentaire):
            comptes[theme] += 1
    ordre = list(THEMES)
    presents = [t for t in ordre if comptes[t] > 0]
    presents.sort(key=lambda t: (-comptes[t], ordre.index(t)))
    return {t: comptes[t] for t in presents}


# ---------------------------------------------------------------- intégrer une freelance

ELEMENTS_INTEGRATION = {
    # code: (l'élément, crée un lien de subordination ?, pourquoi)
    "devis_signe": ("Un devis ou un contrat de prestation signé avant le premier travail",
                    False, "il fixe la mission, le prix et les dates ; c'est la base de la relation."),
    "acces_limites": ("Des accès limités à ce dont la mission a besoin, retirés à la fin",
                      False, "moins d'accès, moins de risques pour les données de la cliente."),
    "cahier_des_charges": ("Le cahier des charges de la mission, la charte graphique et le ton de la marque",
                        False, "elle sait ce qui est attendu sans avoir à deviner."),
    "procedures": ("Les procédures écrites qui concernent sa mission",
                   False, "elle est autonome dès le premier jour."),
    "raci": ("Sa place dans la matrice RACI (ce qu'elle réalise, qui valide)",
             False, "chacun sait qui décide de quoi."),
    "canaux_et_delais": ("Les canaux de contact et les délais de réponse convenus des deux côtés",
                         False, "on sait où écrire et quand attendre une réponse, sans surveiller."),
    "conditions_paiement": ("Les conditions de paiement (montant, échéance, adresse de facturation)",
                            False, "elle est payée à temps, sans relance."),
    "premier_livrable": ("Un premier livrable court, avec une date de retour",
                         False, "un premier succès rapide et un retour précis (compétence)."),
    "presentation_equipe": ("Une présentation à l'équipe, à une date qu'elle accepte",
                            False, "elle sait à qui s'adresser (appartenance), sans obligation."),
    "horaires_imposes": ("Être connectée de 9 h à 17 h, du lundi au vendredi",
                         True, "imposer des horaires, c'est diriger la façon de travailler, pas le résultat."),
    "presence_obligatoire": ("Présence obligatoire à la réunion d'équipe du lundi, absence à justifier",
                             True, "une présence exigée et contrôlée ressemble au pouvoir d'un employeur."),
    "conges_a_valider": ("Ses congés à faire valider par la cliente",
                         True, "une indépendante fixe ses congés ; elle prévient, elle ne demande pas."),
    "releve_connexions": ("Un relevé de ses heures de connexion, contrôlé chaque semaine",
                          True, "contrôler le temps passé plutôt que le livrable, c'est surveiller une salariée."),
    "entretien_annuel": ("Un entretien annuel d'évaluation, avec des objectifs fixés par la cliente",
                         True, "c'est un rituel de salariée ; avec une prestataire, on fait un bilan de mission, pas une évaluation."),
    "sanction_retard": ("Un avertissement écrit au premier retard",
                        True, "sanctionner est le pouvoir d'un employeur ; le devis prévoit les conséquences d'un retard."),
}
"""Les éléments possibles d'un plan d'intégration : code → (élément, crée un lien de
subordination ?, pourquoi). Les éléments sans risque viennent de ``reference/domain-modules.md``
§ 17 ; ceux à risque reprennent le critère de la Cour de cassation (ordres et directives,
contrôle de l'exécution, sanction) vu au module 04."""

_ESSENTIELS = ("devis_signe", "acces_limites", "cahier_des_charges", "canaux_et_delais",
               "conditions_paiement", "premier_livrable")


@dataclass(frozen=True)
class ControleIntegration:
    """Le contrôle d'un plan d'intégration : ``subordination`` (les codes qui créent un lien de
    subordination), ``manquants`` (les codes essentiels absents), ``sans_risque`` (vrai quand
    ``subordination`` est vide), ``remarques`` (phrases en français)."""

    subordination: list[str] = field(default_factory=list)
    manquants: list[str] = field(default_factory=list)
    remarques: list[str] = field(default_factory=list)

    @property
    def sans_risque(self) -> bool:
        return not self.subordination

    def _contenu(self):
        if self.sans_risque:
            titre = "✅ Aucun élément du plan ne crée de lien de subordination"
        else:
            titre = f"⚠️ {len(self.subordination)} élément(s) à retirer{FINE}: risque de lien de subordination"
        lignes = [("À retirer", ", ".join(self.subordination) or "aucun"),
                  ("Essentiels manquants", ", ".join(self.manquants) or "aucun")]
        return titre, lignes, list(self.remarques)

    def __str__(self):
        return texte(*self._contenu())

    def _repr_html_(self):
        return bloc_html(*self._contenu())


def _codes(codes, nom="codes"):
    if isinstance(codes, str) or not isinstance(codes, (list, tuple)):
        raise TypeInvalide(f"`{nom}` doit être une liste de codes, par ex. `[\"devis_signe\", \"raci\"]`.")
    inconnus = [c for c in codes if c not in ELEMENTS_INTEGRATION]
    if inconnus:
        raise IdentifiantInconnu(
            f"« {inconnus[0]} » n'est pas un code de `ELEMENTS_INTEGRATION` : recopie un code de la "
            "liste, entre guillemets."
        )
    if not codes:
        raise DonneesInvalides(f"`{nom}` est vide : un plan d'intégration a au moins un élément.")
    return list(codes)


def controler_integration(codes):
    """Contrôle un plan d'intégration de freelance écrit avec les codes d'``ELEMENTS_INTEGRATION``.

    Renvoie un objet avec ``subordination`` (les éléments qui ressemblent à un contrat de
    travail : à retirer), ``manquants`` (les éléments essentiels absents), ``sans_risque`` et
    ``remarques``. Ce contrôle n'est pas un conseil juridique : ce sont les faits, pas les mots du
    contrat, qui comptent devant un juge.
    """
    plan = _codes(codes)
    subordination = [c for c in plan if ELEMENTS_INTEGRATION[c][1]]
    manquants = [c for c in _ESSENTIELS if c not in plan]
    remarques = [f"{ELEMENTS_INTEGRATION[c][0]}{FINE}: {ELEMENTS_INTEGRATION[c][2]}" for c in subordination]
    remarques += [f"Il manque{FINE}: {ELEMENTS_INTEGRATION[c][0].lower()}." for c in manquants]
    return ControleIntegration(subordination=subordination, manquants=manquants, remarques=remarques)


def ecrire_checklist_integration(chemin, *, prenom, mission):
    """Écrit la liste d'intégration d'une freelance (Markdown, cases à cocher) et renvoie le
    chemin écrit, en texte.

    ``prenom`` et ``mission`` : la freelance et sa mission, en une phrase. La liste reprend les
    éléments sans risque d'``ELEMENTS_INTEGRATION``, puis ce qu'il ne faut pas lui imposer.
    ``chemin`` : par ex. ``chemin_livrable("17_checklist_integration.md")``.
    """
    from pathlib import Path

    for nom, valeur in (("prenom", prenom), ("mission", mission)):
        if not isinstance(valeur, str) or not valeur.strip():
            raise DonneesInvalides(f"`{nom}` doit être un texte non vide.")
    lignes = [f"# Liste d'intégration : {prenom.strip()}, freelance", "",
              f"Mission{FINE}: {mission.strip()}.", "",
              "## À préparer ou à convenir avec elle", ""]
    for libelle, risque, pourquoi in ELEMENTS_INTEGRATION.values():
        if not risque:
            lignes.append(f"- [ ] **{libelle}**{FINE}: {pourquoi}")
    lignes += ["", "## À ne pas lui imposer (lien de subordination)", "",
               ("Elle est prestataire, pas salariée : on cadre le résultat (livrable, date, critères), "
                "jamais la façon de travailler. Sinon, un juge peut requalifier la mission en contrat "
                "de travail."), ""]
    for libelle, risque, pourquoi in ELEMENTS_INTEGRATION.values():
        if risque:
            lignes.append(f"- ✗ {libelle}{FINE}: {pourquoi}")
    lignes += ["", ("Sources : théorie de l'autodétermination (Ryan et Deci, 2000) ; Code du travail, "
               "art. L8221-6 ; Cour de cassation, chambre sociale, 13 novembre 1996, n° 94-13.187. "
               "Ce n'est pas un conseil juridique."), ""]
    chemin = Path(chemin)
    chemin.write_text("\n".join(lignes), encoding="utf-8")
    return str(chemin)
