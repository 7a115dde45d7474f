"""La prise de décision : SWOT, matrice de décision pondérée, analyse de sensibilité, valeur
espérée et matrice d'Eisenhower.

- **SWOT** (en français FFOM ou AFOM) : les forces et les faiblesses sont **internes** (ce que
  l'entreprise a ou fait), les opportunités et les menaces **externes** (ce qui arrive autour
  d'elle). Une concurrente qui baisse ses prix est une menace, jamais une faiblesse.
- **Matrice de décision pondérée** : chaque critère reçoit une pondération, les pondérations font
  100 % ; chaque option reçoit une note par critère ; son score est Σ pondération × note. On
  multiplie les **notes**, jamais les rangs.
- **Analyse de sensibilité** : de combien faut-il déplacer une pondération pour que l'option en
  tête change ? Un écart qui bascule avec quelques points de pondération ne départage pas.
- **Valeur espérée** : Σ probabilité × valeur, sur des scénarios dont les probabilités font 1.
- **Matrice d'Eisenhower** : urgent ou non, important ou non, quatre quadrants.

Les pondérations et les probabilités s'écrivent en fraction (0.4 pour 40 %). Les résultats ne
sont pas arrondis.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from obm import _validation as v
from obm._affichage import nombre as _nombre
from obm.erreurs import DonneesInvalides, TypeInvalide

__all__ = ["QUADRANTS", "SWOT", "Sensibilite", "classer_swot", "ecrire_matrice_decision", "eisenhower",
           "matrice_ponderee", "ponderations_deplacees", "scores_ponderes", "sensibilite", "valeur_esperee"]

# Un total de pondérations ou de probabilités est juste à cette tolérance près (0.1 + 0.2 + 0.7
# ne fait pas exactement 1 en virgule flottante).
_TOLERANCE = 1e-6

SWOT = ("force", "faiblesse", "opportunite", "menace")
QUADRANTS = ("faire", "planifier", "deleguer", "eliminer")


def _points(x: float) -> str:
    return _nombre(round(100 * x, 2))


def _pourcentage(x: float) -> str:
    return f"{_points(x)}\u00a0%"


def _oui_non(valeur, nom: str, oui: str, non: str) -> bool:
    """A yes/no answer given as a bool or as one of two words."""
    if isinstance(valeur, bool):
        return valeur
    if isinstance(valeur, str) and valeur.strip().lower() in (oui, non):
        return valeur.strip().lower() == oui
    raise TypeInvalide(f"`{nom}` doit être \"{oui}\" ou \"{non}\" (ou True / False), pas {valeur!r:.40}.")


def classer_swot(origine, effet) -> str:
    """La case SWOT d'un élément, à partir de deux questions.

    ``origine`` : « interne » (l'entreprise le maîtrise : son offre, son équipe, ses chiffres) ou
    « externe » (il arrive autour d'elle : le marché, les concurrentes, la loi, les plateformes) ;
    ``effet`` : « favorable » ou « defavorable » pour l'objectif.
    Renvoie ``"force"``, ``"faiblesse"``, ``"opportunite"`` ou ``"menace"``.
    Exemple : ``classer_swot("externe", "defavorable")`` → ``"menace"`` (une concurrente qui
    lance une offre moins chère : elle ne dépend pas de toi, ce n'est pas une faiblesse).
    """
    interne = _oui_non(origine, "origine", "interne", "externe")
    favorable = _oui_non(effet, "effet", "favorable", "defavorable")
    if interne:
        return "force" if favorable else "faiblesse"
    return "opportunite" if favorable else "menace"


def eisenhower(urgent, important) -> str:
    """Le quadrant d'Eisenhower d'une tâche : ``"faire"`` (urgente et importante : tout de suite),
    ``"planifier"`` (importante, pas urgente : lui donner une date), ``"deleguer"`` (urgente, pas
    importante pour toi : la confier) ou ``"eliminer"`` (ni l'une ni l'autre : l'abandonner).

    ``urgent``, ``important`` : ``True`` ou ``False``. Important = sert les objectifs ;
    urgent = a une échéance proche ou quelqu'un attend.
    """
    for valeur, nom in ((urgent, "urgent"), (important, "important")):
        if not isinstance(valeur, bool):
            raise TypeInvalide(f"`{nom}` doit être True ou False, sans guillemets, pas {valeur!r:.40}.")
    if important:
        return "faire" if urgent else "planifier"
    return "deleguer" if urgent else "eliminer"


def _ponderations(ponderations) -> dict[str, float]:
    if not isinstance(ponderations, dict) or not ponderations:
        raise TypeInvalide("`ponderations` doit être un dictionnaire {critère: pondération}, par ex. "
                           '{"chiffre_affaires": 0.4, "charge": 0.6}, pas ' f"{ponderations!r:.60}.")
    poids = {str(c): v.taux(p, "ponderations", f" (critère « {c} »)") for c, p in ponderations.items()}
    total = math.fsum(poids.values())
    if abs(total - 1) > _TOLERANCE:
        raise DonneesInvalides(
            f"Les pondérations font {_pourcentage(total)} au lieu de 100\u00a0% : un critère oublié, "
            "ou un chiffre mal recopié ? Corrige-les pour que leur total fasse 100\u00a0% (1 en fraction).")
    return poids


def _options(options, criteres) -> dict[str, dict[str, float]]:
    if not isinstance(options, dict) or not options:
        raise TypeInvalide("`options` doit être un dictionnaire {option: {critère: note}}, par ex. "
                           '{"A": {"chiffre_affaires": 8, "charge": 4}}, ' f"pas {options!r:.60}.")
    notes = {}
    for option, ses_notes in options.items():
        if not isinstance(ses_notes, dict):
            raise TypeInvalide(f"Les notes de l'option « {option} » doivent être un dictionnaire "
                               f"{{critère: note}}, pas {ses_notes!r:.40}.")
        manquants = [c for c in criteres if c not in ses_notes]
        en_trop = [str(c) for c in ses_notes if c not in criteres]
        if manquants or en_trop:
            raise DonneesInvalides(
                f"L'option « {option} » n'a pas les mêmes critères que les pondérations"
                + (f" : il manque {', '.join(manquants)}" if manquants else "")
                + (f" ; en trop : {', '.join(en_trop)}" if en_trop else "")
                + ". Chaque option reçoit une note pour chaque critère pondéré.")
        notes[str(option)] = {c: _note(ses_notes[c], option, c) for c in criteres}
    return notes


def _note(valeur, option, critere) -> float:
    x = v.nombre(valeur, "note", f" (option « {option} », critère « {critere} »)")
    if not 0 <= x <= 10:
        raise DonneesInvalides(
            f"La note de l'option « {option} » pour « {critere} » vaut {_nombre(x)} : les notes vont de "
            "0 (très mauvais) à 10 (excellent). Pour un critère où moins vaut mieux (la charge, le "
            "risque), note haut l'option qui en demande le moins.")
    return x


def scores_ponderes(options, ponderations) -> dict[str, float]:
    """Le score de chaque option : Σ pondération × note, dans l'ordre des options.

    ``options`` : ``{option: {critère: note de 0 à 10}}`` ; ``ponderations`` : ``{critère:
    fraction}``, qui font 1 (100 %). Refuse des pondérations dont le total n'est pas 100 %.
    Exemple : ``scores_ponderes({"A": {"x": 8, "y": 4}}, {"x": 0.5, "y": 0.5})`` → ``{"A": 6.0}``.
    """
    poids = _ponderations(ponderations)
    notes = _options(options, list(poids))
    return {o: math.fsum(poids[c] * n[c] for c in poids) for o, n in notes.items()}


def _rangs(scores: dict[str, float]) -> dict[str, int]:
    # 1 = the best; equal scores share the better rank.
    return {o: 1 + sum(1 for autre in scores.values() if autre > s + 1e-12) for o, s in scores.items()}


def matrice_ponderee(options, ponderations):
    """La matrice de décision pondérée, en tableau : une ligne par option, dans l'ordre donné.

    Colonnes : pour chaque critère, les points de l'option (pondération × note) ; ``score`` (leur
    somme) ; ``rang`` (1 = en tête ; deux scores égaux partagent le rang).
    ``options`` : ``{option: {critère: note de 0 à 10}}`` ; ``ponderations`` : ``{critère:
    fraction}`` dont le total fait 1 (100 %) : sinon, l'erreur dit de combien il s'en faut.
    Lis un score avec ``matrice.loc["A", "score"]``.
    """
    import pandas as pd

    poids = _ponderations(ponderations)
    notes = _options(options, list(poids))
    scores = {o: math.fsum(poids[c] * n[c] for c in poids) for o, n in notes.items()}
    rangs = _rangs(scores)
    lignes = {o: {**{c: poids[c] * n[c] for c in poids}, "score": scores[o], "rang": rangs[o]}
              for o, n in notes.items()}
    tableau = pd.DataFrame.from_dict(lignes, orient="index")
    tableau["rang"] = tableau["rang"].astype(int)
    tableau.index.name = "option"
    return tableau


def _en_tete(scores: dict[str, float]) -> str:
    meilleur = max(scores.values())
    return next(o for o, s in scores.items() if s == meilleur)


@dataclass(frozen=True)
class Sensibilite:
    """L'analyse de sensibilité d'une matrice pondérée sur un critère.

    - ``critere`` : le critère dont on déplace la pondération (les autres se réduisent ou
      grandissent en proportion, pour que le total reste 100 %) ;
    - ``ponderation`` : sa pondération actuelle (fraction) ;
    - ``en_tete`` : l'option en tête avec les pondérations actuelles ;
    - ``bascule`` : la pondération du critère, la plus proche de l'actuelle, à partir de laquelle
      une autre option passe devant (à cette valeur exacte, les deux sont à égalité) ; ``None``
      si aucune pondération entre 0 et 100 % ne change l'option en tête ;
    - ``nouvelle_tete`` : l'option qui passe alors devant (``None`` sans bascule) ;
    - ``deplacement`` : bascule − pondération actuelle (négatif : il faut baisser le critère),
      ``None`` sans bascule.
    """

    critere: str
    ponderation: float
    en_tete: str
    bascule: float | None
    nouvelle_tete: str | None
    deplacement: float | None

    def __str__(self):
        if self.bascule is None:
            return (f"Sensibilité à « {self.critere} » ({_pourcentage(self.ponderation)}) : « {self.en_tete} » "
                    "reste en tête quelle que soit cette pondération, de 0 à 100\u00a0%.")
        sens = "monte" if self.deplacement > 0 else "descend"
        return (f"Sensibilité à « {self.critere} » ({_pourcentage(self.ponderation)}) : « {self.en_tete} » est en "
                f"tête ; si cette pondération {sens} à {_pourcentage(self.bascule)} (les autres en proportion), "
                f"« {self.nouvelle_tete} » passe devant. Déplacement : {_points(abs(self.deplacement))} "
                "points.")

    def _repr_markdown_(self):
        return str(self)


def ponderations_deplacees(ponderations, critere, nouvelle):
    """Les pondérations quand celle de ``critere`` devient ``nouvelle`` (fraction) et que les
    autres se partagent le reste en gardant leurs proportions : le total reste 100 %."""
    poids = _ponderations(ponderations)
    if critere not in poids:
        raise DonneesInvalides(f"Le critère « {critere} » n'est pas dans les pondérations : "
                               f"choisis parmi {', '.join(poids)}.")
    w = v.taux(nouvelle, "nouvelle")
    reste = 1 - poids[critere]
    if reste <= _TOLERANCE:
        raise DonneesInvalides(f"« {critere} » pèse déjà 100\u00a0% : les autres critères n'ont rien à "
                               "partager, il n'y a pas de proportion à garder.")
    return {c: (w if c == critere else p * (1 - w) / reste) for c, p in poids.items()}


def sensibilite(options, ponderations, critere) -> Sensibilite:
    """À partir de quelle pondération de ``critere`` l'option en tête change-t-elle ?

    La pondération du critère bouge ; les autres se partagent le reste en gardant leurs
    proportions (le total reste 100 %). Chaque score varie alors en ligne droite : on cherche la
    pondération, entre 0 et 100 %, la plus proche de l'actuelle, où une autre option rejoint
    l'option en tête. Renvoie une :class:`Sensibilite` (``bascule``, ``deplacement``,
    ``nouvelle_tete``…), non arrondie.
    """
    poids = _ponderations(ponderations)
    if critere not in poids:
        raise DonneesInvalides(f"Le critère « {critere} » n'est pas dans les pondérations : "
                               f"choisis parmi {', '.join(poids)}.")
    notes = _options(options, list(poids))
    w0 = poids[critere]
    reste = 1 - w0
    if reste <= _TOLERANCE:
        raise DonneesInvalides(f"« {critere} » pèse déjà 100\u00a0% : les autres critères n'ont rien à "
                               "partager, il n'y a pas de proportion à garder.")
    scores = {o: math.fsum(poids[c] * n[c] for c in poids) for o, n in notes.items()}
    tete = _en_tete(scores)

    def droite(option):
        # score(w) = w × note du critère + (1 − w) × moyenne pondérée des autres critères
        autres = math.fsum(poids[c] * notes[option][c] for c in poids if c != critere) / reste
        return notes[option][critere], autres

    a_tete, b_tete = droite(tete)
    meilleure = None
    for option in notes:
        if option == tete:
            continue
        a, b = droite(option)
        # (a_tete − b_tete − a + b) w = b − b_tete
        pente = (a_tete - b_tete) - (a - b)
        if abs(pente) < 1e-12:
            continue
        w = (b - b_tete) / pente
        if -1e-12 <= w <= 1 + 1e-12 and abs(w - w0) > 1e-12:
            w = min(max(w, 0.0), 1.0)
            if meilleure is None or abs(w - w0) < abs(meilleure[0] - w0):
                meilleure = (w, option)
    if meilleure is None:
        return Sensibilite(str(critere), w0, tete, None, None, None)
    return Sensibilite(str(critere), w0, tete, meilleure[0], meilleure[1], meilleure[0] - w0)


def valeur_esperee(issues) -> float:
    """La valeur espérée de scénarios : Σ probabilité × valeur.

    ``issues`` : une liste de couples ``(probabilité, valeur)``, une par scénario, par ex.
    ``[(0.2, 80), (0.5, 50), (0.3, 10)]`` ; les probabilités sont des fractions qui font 1
    (tous les scénarios possibles, chacun compté une fois). Le résultat n'est pas arrondi : ce
    n'est pas une issue possible, c'est la moyenne qu'on obtiendrait en rejouant souvent la même
    décision.
    """
    paires = v.elements(issues, "issues", exemple="[(0.2, 80), (0.5, 50), (0.3, 10)]",
                        quoi="une liste de couples (probabilité, valeur)")
    probabilites, total = [], []
    for ou, paire in paires:
        if not isinstance(paire, (tuple, list)) or len(paire) != 2:
            raise TypeInvalide(f"`issues`{ou} doit être un couple (probabilité, valeur), par ex. (0.5, 40), "
                               f"pas {paire!r:.40}.")
        p = v.taux(paire[0], "probabilité", ou)
        x = v.nombre(paire[1], "valeur", ou)
        probabilites.append(p)
        total.append(p * x)
    somme = math.fsum(probabilites)
    if abs(somme - 1) > _TOLERANCE:
        raise DonneesInvalides(
            f"Les probabilités font {_pourcentage(somme)} au lieu de 100\u00a0% : un scénario oublié, ou "
            "compté deux fois ? Les scénarios doivent couvrir tous les cas, une fois chacun.")
    return v.fini(math.fsum(total), "La valeur espérée")


def ecrire_matrice_decision(options, ponderations, chemin, *, decision="Ma décision"):
    """Écrit la matrice de décision pondérée dans un classeur Excel (.xlsx) et renvoie son chemin.

    Les cellules jaunes se saisissent (critères, pondérations en %, notes de 0 à 10) ; les
    grises sont des formules (total des pondérations et son contrôle, points, scores, rangs) :
    le modèle se réutilise pour une autre décision, dans Excel ou LibreOffice. ``decision`` : le
    titre (par ex. « Lancement d'automne 2027 »).
    """
    from pathlib import Path

    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.workbook.properties import CalcProperties

    poids = _ponderations(ponderations)
    notes = _options(options, list(poids))
    if isinstance(chemin, str):
        chemin = Path(chemin)
    if not isinstance(chemin, Path):
        raise TypeInvalide('Le chemin du fichier doit être un texte, par ex. "16_matrice_decision.xlsx", '
                           f"pas {chemin!r:.40}.")
    if chemin.suffix.lower() != ".xlsx":
        raise DonneesInvalides(f"Le fichier « {chemin.name} » doit finir par .xlsx, par ex. "
                               '"16_matrice_decision.xlsx".')
    if not isinstance(decision, str) or not decision.strip():
        raise TypeInvalide("`decision` doit être un titre en texte, par ex. \"Lancement d'automne\".")
    chemin.parent.mkdir(parents=True, exist_ok=True)

    jaune, gris = PatternFill("solid", fgColor="FFF2CC"), PatternFill("solid", fgColor="E7E6E6")
    gras, titre = Font(bold=True), Font(bold=True, size=14)
    classeur = Workbook()
    classeur.calculation = CalcProperties(fullCalcOnLoad=True)
    feuille = classeur.active
    feuille.title = "Matrice"
    feuille["A1"], feuille["A1"].font = f"Matrice de décision pondérée : {decision}", titre
    feuille["A2"] = ("Jaune : à saisir (pondérations en %, notes de 0 à 10, 10 = le meilleur pour ce critère). "
                     "Gris : formules, ne les écris pas.")
    criteres, noms = list(poids), list(notes)
    premiere, derniere = 5, 4 + len(criteres)
    entetes = ["Critère", "Pondération", *[f"Note {o}" for o in noms], *[f"Points {o}" for o in noms]]
    for colonne, entete in enumerate(entetes, start=1):
        feuille.cell(4, colonne, entete).font = gras
    for ligne, critere in enumerate(criteres, start=premiere):
        feuille.cell(ligne, 1, critere).fill = jaune
        cellule = feuille.cell(ligne, 2, poids[critere])
        cellule.fill, cellule.number_format = jaune, "0%"
        for k, option in enumerate(noms):
            note = feuille.cell(ligne, 3 + k, notes[option][critere])
            note.fill = jaune
            lettre_note = get_column_letter(3 + k)
            points = feuille.cell(ligne, 3 + len(noms) + k, f"=$B{ligne}*{lettre_note}{ligne}")
            points.fill, points.number_format = gris, "0.00"
    total = derniere + 1
    feuille.cell(total, 1, "Total des pondérations").font = gras
    cellule = feuille.cell(total, 2, f"=SUM(B{premiere}:B{derniere})")
    cellule.fill, cellule.number_format = gris, "0%"
    controle = feuille.cell(total + 1, 2, f'=IF(ABS(B{total}-1)>0.0001,"⚠️ ne font pas 100 %","✅ 100 %")')
    controle.fill = gris
    feuille.cell(total + 1, 1, "Contrôle")
    ligne_score, ligne_rang = total + 3, total + 4
    feuille.cell(ligne_score, 1, "Score (Σ pondération × note)").font = gras
    feuille.cell(ligne_rang, 1, "Rang (1 = en tête)").font = gras
    lettres_points = [get_column_letter(3 + len(noms) + k) for k in range(len(noms))]
    for k, option in enumerate(noms):
        feuille.cell(ligne_score - 1, 3 + k, option).font = gras
        lettre = lettres_points[k]
        score = feuille.cell(ligne_score, 3 + k, f"=SUM({lettre}{premiere}:{lettre}{derniere})")
        score.fill, score.number_format = gris, "0.00"
    lettres_scores = [get_column_letter(3 + k) for k in range(len(noms))]
    for k in range(len(noms)):
        moi = f"{lettres_scores[k]}{ligne_score}"
        devant = "+".join(f"IF({autre}{ligne_score}>{moi},1,0)" for j, autre in enumerate(lettres_scores) if j != k)
        rang = feuille.cell(ligne_rang, 3 + k, f"=1+{devant}" if devant else "=1")
        rang.fill = gris
    feuille.cell(ligne_rang + 2, 1, "Avant de décider : déplace une pondération de quelques points. Si l'option "
                 "en tête change, l'écart des scores ne prouve rien : repère la pondération qui fait basculer, pose "
                 "la question à la personne qui décide ; puis regarde ce qui se défait, la valeur espérée et "
                 "ce qui ferait changer d'avis.").alignment = Alignment(wrap_text=True)
    feuille.column_dimensions["A"].width = 34
    for colonne in range(2, 3 + 2 * len(noms)):
        feuille.column_dimensions[get_column_letter(colonne)].width = 14
    classeur.save(chemin)
    return str(chemin)
