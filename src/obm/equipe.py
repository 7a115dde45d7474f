"""L'équipe : charge et capacité, matrice RACI, eNPS.

- ``taux_de_charge(charge_heures, capacite_heures)`` : la charge prévue ÷ les heures disponibles
  (1.27 pour 127 % : au-dessus de 1, la personne est en surcharge) ;
  ``plan_de_charge(charges, capacites)`` fait le calcul pour toute l'équipe.
- ``verifier_raci(matrice)`` : vérifie une matrice RACI (une ligne par tâche, une colonne par
  personne, des lettres R, A, C, I) et liste ses problèmes en français.
- ``enps(notes)`` : l'eNPS d'une enquête (notes de 0 à 10), un score de −100 à +100 ;
  ``repartition_enps(notes)`` donne aussi les effectifs de chaque groupe.

pandas n'est importé que par les fonctions qui rendent un tableau.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from obm import _validation as v
from obm._affichage import FINE, bloc_html, texte
from obm._affichage import nombre as _fr
from obm._affichage import pourcentage as _pct
from obm.erreurs import DonneesInvalides, TypeInvalide

__all__ = [
    "LEGENDE_RACI",
    "LETTRES_RACI",
    "PETITE_ENQUETE",
    "Reequilibrage",
    "RepartitionENPS",
    "TableauRACI",
    "VerificationRACI",
    "charges_par_personne",
    "enps",
    "exporter_graphique_charge",
    "exporter_raci",
    "graphique_charge",
    "plan_de_charge",
    "reequilibrer",
    "repartition_enps",
    "tableau_charge",
    "tableau_raci",
    "tableau_semaine",
    "taches_de_la_semaine",
    "taux_de_charge",
    "verifier_raci",
]


def _pluriel(n: int, mot: str) -> str:
    """'1 problème', '3 problèmes'."""
    return f"{n}\u00a0{mot}{'s' if n > 1 else ''}"


# ---------------------------------------------------------------- load and capacity


def taux_de_charge(charge_heures, capacite_heures):
    """Taux de charge = charge prévue (heures) ÷ capacité (heures disponibles), en fraction.

    Au-dessus de 1, la personne est en surcharge : ``taux_de_charge(19, 15)`` ≈ 1.27, soit
    127 % (Léa a 19 h prévues pour 15 h disponibles dans la semaine).
    Donne la charge et la capacité **sur la même période** (deux chiffres de la semaine, ou
    deux chiffres du mois). Le résultat n'est pas arrondi : arrondis seulement ce que tu affiches.
    """
    charge = v.montant(charge_heures, "charge_heures", unite="h")
    capacite = v.positif(
        capacite_heures, "capacite_heures",
        "sans heures disponibles, le taux de charge n'existe pas (division par zéro). "
        "Ne planifie rien pour cette personne sur cette période.", unite="h",
    )
    return v.fini(charge / capacite, "Le taux de charge")


def _heures_par_personne(donnees, nom):
    """A dict or a pandas Series {personne: heures} -> {name as text: float}."""
    if isinstance(donnees, dict) or type(donnees).__name__ == "Series":
        paires = list(donnees.items())
    else:
        raise TypeInvalide(
            f"`{nom}` doit être un dictionnaire `{{personne: heures}}`, par ex. "
            f'`{{"Léa": 19, "Inès": 7}}`, pas un objet {type(donnees).__name__}.'
        )
    if not paires:
        raise DonneesInvalides(f"`{nom}` est vide : donne au moins une personne et ses heures.")
    resultat = {}
    for personne, heures in paires:
        cle = str(personne).strip()
        if cle in resultat:
            raise DonneesInvalides(f"`{nom}` donne deux fois « {cle} » : une seule ligne par personne.")
        resultat[cle] = v.montant(heures, nom, f" (« {cle} »)", unite="h")
    return resultat


def plan_de_charge(charges, capacites):
    """Plan de charge de l'équipe : charge, capacité et taux de charge de chaque personne.

    ``charges`` et ``capacites`` : deux dictionnaires {personne: heures} sur la même période,
    par ex. ``plan_de_charge({"Léa": 19, "Inès": 7}, {"Léa": 15, "Inès": 10})``.
    Une personne qui a une capacité mais pas de charge compte 0 h de charge.
    Renvoie un tableau (DataFrame) indexé par ``personne``, colonnes ``charge_heures``,
    ``capacite_heures``, ``taux_de_charge`` (fraction), ``surcharge`` (vrai au-dessus de 1),
    ``heures_en_trop`` et ``heures_libres``.
    """
    import pandas as pd

    charge = _heures_par_personne(charges, "charges")
    capacite = _heures_par_personne(capacites, "capacites")
    inconnues = [p for p in charge if p not in capacite]
    if inconnues:
        raise DonneesInvalides(
            "Ces personnes ont une charge mais pas de capacité : "
            + ", ".join(f"« {p} »" for p in inconnues)
            + ". Ajoute leurs heures disponibles dans `capacites`."
        )
    lignes = []
    for personne, heures_dispo in capacite.items():
        heures = charge.get(personne, 0.0)
        if heures_dispo == 0:
            raise DonneesInvalides(
                f"« {personne} » a une capacité de 0 h : retire-la du plan de charge, ou donne ses "
                "heures disponibles sur la période."
            )
        lignes.append({
            "personne": personne,
            "charge_heures": heures,
            "capacite_heures": heures_dispo,
            "taux_de_charge": taux_de_charge(heures, heures_dispo),
            "surcharge": heures > heures_dispo,
            "heures_en_trop": max(heures - heures_dispo, 0.0),
            "heures_libres": max(heures_dispo - heures, 0.0),
        })
    return pd.DataFrame(lignes).set_index("personne")


# ---------------------------------------------------------------- RACI

LETTRES_RACI = {
    "R": "Réalise",
    "A": "Approuve / rend des comptes",
    "C": "Consulté",
    "I": "Informé",
}
"""Le nom français de chaque lettre de la matrice RACI."""

_SENS_RACI = {
    "R": "fait le travail (au moins une personne par tâche).",
    "A": "valide le résultat et en répond (une seule personne par tâche ; elle peut aussi "
         "réaliser, « A/R »).",
    "C": "donne son avis avant ou pendant le travail (échange dans les deux sens).",
    "I": "est tenu au courant du résultat (information à sens unique).",
}

LEGENDE_RACI = {lettre: f"{LETTRES_RACI[lettre]}{FINE}: {sens}" for lettre, sens in _SENS_RACI.items()}
"""La légende à imprimer avec toute matrice RACI : certaines versions françaises appellent A
« Responsable », d'autres inversent A et R. Sans légende, la matrice se lit de travers."""

_SEPARATEURS = re.compile(r"[\s/,;+&\-]+")


def _lire_case(valeur):
    """A cell -> (set of letters, unknown text or None)."""
    if valeur is None or (isinstance(valeur, float) and math.isnan(valeur)):
        return set(), None
    if type(valeur).__name__ in ("NAType", "NaTType"):
        return set(), None
    if not isinstance(valeur, str):
        return set(), repr(valeur)
    lettres = _SEPARATEURS.sub("", valeur).upper()
    inconnues = [c for c in lettres if c not in LETTRES_RACI]
    if inconnues:
        return {c for c in lettres if c in LETTRES_RACI}, valeur.strip()
    return set(lettres), None


def _lignes_raci(matrice):
    """Any accepted form of the matrix -> (tasks in order, people in order, {task: {person: cell}})."""
    if type(matrice).__name__ == "DataFrame":
        df = matrice
        for nom_colonne in ("tache", "tâche", "taches", "tâches"):
            if nom_colonne in df.columns:
                df = df.set_index(nom_colonne)
                break
        lignes = [(str(t).strip(), {str(p).strip(): df.iloc[i, j] for j, p in enumerate(df.columns)})
                  for i, t in enumerate(df.index)]
    elif isinstance(matrice, dict):
        lignes = []
        for tache, cases in matrice.items():
            if not isinstance(cases, dict):
                raise TypeInvalide(
                    f"La tâche « {tache} » doit avoir un dictionnaire `{{personne: lettre}}`, par ex. "
                    f'`{{"Léa": "R", "Clara": "A"}}`, pas {cases!r:.40}.'
                )
            lignes.append((str(tache).strip(), {str(p).strip(): c for p, c in cases.items()}))
    elif isinstance(matrice, (list, tuple)):
        lignes = []
        for i, ligne in enumerate(matrice, start=1):
            if not isinstance(ligne, dict) or "tache" not in ligne:
                raise TypeInvalide(
                    f"La ligne n°\u00a0{i} de la matrice doit être un dictionnaire avec une clé "
                    f'"tache", par ex. `{{"tache": "Monter la vidéo", "Hugo": "R", "Clara": "A"}}`.'
                )
            cases = {str(p).strip(): c for p, c in ligne.items() if p != "tache"}
            lignes.append((str(ligne["tache"]).strip(), cases))
    else:
        raise TypeInvalide(
            "La matrice RACI doit être un tableau (DataFrame) avec une ligne par tâche et une colonne "
            "par personne, ou un dictionnaire `{tâche: {personne: lettre}}`, pas un objet "
            f"{type(matrice).__name__}."
        )
    if not lignes:
        raise DonneesInvalides("La matrice RACI est vide : mets au moins une tâche.")
    taches = [t for t, _ in lignes]
    doublons = sorted({t for t in taches if taches.count(t) > 1})
    if doublons:
        raise DonneesInvalides(
            "Ces tâches apparaissent deux fois dans la matrice : "
            + ", ".join(f"« {t} »" for t in doublons) + ". Une seule ligne par tâche."
        )
    personnes = []
    for _, cases in lignes:
        personnes += [p for p in cases if p not in personnes]
    if not personnes:
        raise DonneesInvalides("La matrice RACI n'a aucune personne : mets une colonne par personne.")
    return taches, personnes, dict(lignes)


@dataclass(frozen=True)
class VerificationRACI:
    """Le résultat de ``verifier_raci`` : ``valide``, ``problemes``, ``remarques`` et ``legende``.

    - ``valide`` : vrai quand chaque tâche a exactement un A et au moins un R ;
    - ``problemes`` : une phrase par règle non respectée, qui nomme la tâche ;
    - ``remarques`` : des conseils qui n'empêchent pas la matrice d'être valide (plusieurs lettres
      pour une même personne, une personne sans aucun rôle) ;
    - ``legende`` : le sens de chaque lettre, à imprimer avec la matrice.
    """

    valide: bool
    problemes: list[str]
    remarques: list[str]
    taches: list[str]
    personnes: list[str]
    legende: dict[str, str] = field(default_factory=lambda: dict(LEGENDE_RACI))

    def _contenu(self):
        if self.valide:
            titre = (f"✅ Matrice RACI valide{FINE}: chaque tâche a exactement un A et au moins un R "
                     f"({len(self.taches)} tâches, {len(self.personnes)} personnes).")
        else:
            titre = f"❌ Matrice RACI à corriger{FINE}: {_pluriel(len(self.problemes), 'problème')}."
        phrases = [f"Problème{FINE}: {p}" for p in self.problemes]
        phrases += [f"Remarque{FINE}: {r}" for r in self.remarques]
        lignes = [(f"{lettre} = {LETTRES_RACI[lettre]}", _SENS_RACI[lettre]) for lettre in "RACI"]
        return titre, lignes, phrases

    def __str__(self):
        titre, lignes, phrases = self._contenu()
        return texte(titre, [], phrases + ["Légende" + FINE + ":"] + [
            f"- {libelle}{FINE}: {sens}" for libelle, sens in lignes])

    def _repr_html_(self):
        titre, lignes, phrases = self._contenu()
        return bloc_html(titre, lignes, phrases, couleur="#1e7d32" if self.valide else "#b3261e")


def verifier_raci(matrice):
    """Vérifie une matrice RACI : exactement un A et au moins un R par tâche.

    ``matrice`` : un tableau (DataFrame) avec une ligne par tâche (l'index, ou une colonne
    ``tache``) et une colonne par personne ; ou un dictionnaire ``{tâche: {personne: lettre}}``.
    Chaque case contient une lettre : **R** (Réalise), **A** (Approuve / rend des comptes),
    **C** (Consulté), **I** (Informé), ou rien. « A/R » (ou « AR ») veut dire que la personne
    qui rend des comptes réalise aussi. Les minuscules sont acceptées.

    Renvoie un objet avec ``valide`` (vrai ou faux), ``problemes`` (une phrase par règle non
    respectée, qui nomme la tâche), ``remarques`` (conseils) et ``legende`` (le sens des
    lettres, à imprimer avec la matrice). Exemple :

        verifier_raci({"Monter la vidéo": {"Hugo": "R", "Clara": "A", "Léa": "I"}}).valide  # True
    """
    taches, personnes, cases = _lignes_raci(matrice)
    problemes, remarques = [], []
    a_un_role = set()
    for tache in taches:
        lettres_par_personne = {}
        for personne, valeur in cases[tache].items():
            lettres, inconnu = _lire_case(valeur)
            if inconnu is not None:
                problemes.append(
                    f"« {tache} », {personne}{FINE}: « {inconnu} » n'est pas une lettre RACI. "
                    "Écris R, A, C ou I (ou « A/R »), ou laisse la case vide."
                )
            if lettres:
                lettres_par_personne[personne] = lettres
                a_un_role.add(personne)
        ordre = "RACI"
        for personne, lettres in lettres_par_personne.items():
            if len(lettres) > 1 and lettres != {"A", "R"}:
                noms = ", ".join(sorted(lettres, key=ordre.index))
                remarques.append(
                    f"« {tache} », {personne}{FINE}: plusieurs lettres ({noms}). Une seule lettre par "
                    "personne et par tâche se lit mieux ; seul « A/R » est courant."
                )
        approuvent = [p for p, lettres in lettres_par_personne.items() if "A" in lettres]
        realisent = [p for p, lettres in lettres_par_personne.items() if "R" in lettres]
        if not lettres_par_personne:
            problemes.append(
                f"« {tache} »{FINE}: aucune lettre. Il faut une personne A (Approuve / rend des "
                "comptes) et au moins une personne R (Réalise)."
            )
            continue
        if not approuvent:
            problemes.append(
                f"« {tache} »{FINE}: aucun A. Désigne une seule personne A (Approuve / rend des "
                "comptes), qui valide le résultat et en répond."
            )
        elif len(approuvent) > 1:
            problemes.append(
                f"« {tache} »{FINE}: {len(approuvent)} A ({', '.join(approuvent)}). Il en faut "
                "exactement un : une seule personne rend des comptes. Si deux semblent nécessaires, "
                "découpe la tâche en deux."
            )
        if not realisent:
            problemes.append(
                f"« {tache} »{FINE}: aucun R. Désigne au moins une personne R (Réalise), qui fait "
                "le travail (la personne A peut aussi réaliser : « A/R »)."
            )
    for personne in personnes:
        if personne not in a_un_role:
            remarques.append(
                f"{personne} n'a aucune lettre dans la matrice{FINE}: retire sa colonne, ou "
                "donne-lui un rôle là où cette personne intervient."
            )
    return VerificationRACI(valide=not problemes, problemes=problemes, remarques=remarques,
                            taches=taches, personnes=personnes)


# ---------------------------------------------------------------- eNPS


def _notes(notes):
    paires = v.elements(notes, "notes", exemple="[10, 9, 9, 8, 6]",
                        quoi="une liste de notes de 0 à 10")
    return [v.entier(note, "notes", ou, bas=0, haut=10, quoi="une note entière")
            for ou, note in paires]


def enps(notes):
    """eNPS (employee Net Promoter Score) d'une enquête : % de promoteurs − % de détracteurs.

    ``notes`` : la liste (ou la colonne d'un tableau) des réponses à « Recommanderais-tu cette
    équipe comme lieu de travail ? », des nombres entiers de 0 à 10. Promoteurs : 9 ou 10 ;
    passifs : 7 ou 8 (ils ne comptent ni en plus ni en moins) ; détracteurs : 0 à 6.
    Renvoie un nombre entre −100 et +100 : c'est un score, pas un pourcentage (on écrit
    « eNPS = +10 », pas « 10 % »). Exemple : 10, 9, 9, 9, 8, 8, 7, 6, 5, 3 → 40 % de promoteurs,
    30 % de détracteurs → ``enps([10, 9, 9, 9, 8, 8, 7, 6, 5, 3])`` = 10.0.
    Refusé : une liste vide, une note non entière (7.5), vide (NaN), vrai/faux, ou hors de 0–10.
    """
    liste = _notes(notes)
    promoteurs = sum(1 for n in liste if n >= 9)
    detracteurs = sum(1 for n in liste if n <= 6)
    return 100 * (promoteurs - detracteurs) / len(liste)


@dataclass(frozen=True)
class RepartitionENPS:
    """Une enquête eNPS détaillée : effectifs et parts de chaque groupe, et le score.

    ``promoteurs`` (notes 9–10), ``passifs`` (7–8), ``detracteurs`` (0–6) sont des effectifs ;
    ``part_promoteurs``, ``part_passifs``, ``part_detracteurs`` des fractions ; ``enps`` le
    score de −100 à +100 ; ``remarques`` des mises en garde (petit effectif).
    """

    nombre_reponses: int
    promoteurs: int
    passifs: int
    detracteurs: int
    part_promoteurs: float
    part_passifs: float
    part_detracteurs: float
    enps: float
    remarques: list[str] = field(default_factory=list)

    def _contenu(self):
        signe = "+" if self.enps > 0 else ""
        titre = f"eNPS = {signe}{_fr(self.enps)} ({self.nombre_reponses} réponses)"
        lignes = [
            ("Promoteurs (9–10)", f"{self.promoteurs} ({_pct(self.part_promoteurs)})"),
            ("Passifs (7–8)", f"{self.passifs} ({_pct(self.part_passifs)})"),
            ("Détracteurs (0–6)", f"{self.detracteurs} ({_pct(self.part_detracteurs)})"),
        ]
        phrases = [(f"eNPS = {_pct(self.part_promoteurs)} de promoteurs − "
                   f"{_pct(self.part_detracteurs)} de détracteurs = {signe}{_fr(self.enps)}, "
                   "un score de −100 à +100 (pas un pourcentage).")]
        return titre, lignes, phrases + list(self.remarques)

    def __str__(self):
        return texte(*self._contenu())

    def _repr_html_(self):
        return bloc_html(*self._contenu())


PETITE_ENQUETE = 10
"""En dessous de ce nombre de réponses, le cours signale que l'eNPS se lit mal (convention du cours)."""


def repartition_enps(notes):
    """L'eNPS avec son détail : effectifs et parts des promoteurs, passifs et détracteurs.

    Mêmes notes que ``enps`` (entiers de 0 à 10). Renvoie un objet avec ``nombre_reponses``,
    ``promoteurs``, ``passifs``, ``detracteurs`` (effectifs), ``part_promoteurs``,
    ``part_passifs``, ``part_detracteurs`` (fractions), ``enps`` et ``remarques``.
    """
    liste = _notes(notes)
    n = len(liste)
    promoteurs = sum(1 for x in liste if x >= 9)
    detracteurs = sum(1 for x in liste if x <= 6)
    passifs = n - promoteurs - detracteurs
    remarques = []
    if n < PETITE_ENQUETE:
        remarques.append(
            f"Seulement {_pluriel(n, 'réponse')}{FINE}: un eNPS sur si peu de personnes bouge d'un coup à chaque "
            "réponse et n'est pas anonyme. Dans une petite équipe, préfère les entretiens "
            "individuels et une question ouverte."
        )
    return RepartitionENPS(
        nombre_reponses=n, promoteurs=promoteurs, passifs=passifs, detracteurs=detracteurs,
        part_promoteurs=promoteurs / n, part_passifs=passifs / n, part_detracteurs=detracteurs / n,
        enps=100 * (promoteurs - detracteurs) / n, remarques=remarques,
    )


# ---------------------------------------------------------------- French tables (display only)

INSECABLE = "\u00a0"


def _heures(x: float) -> str:
    """'19,5 h' (narrow figures, no-break space before the unit)."""
    return f"{_fr(x)}{INSECABLE}h"


class _Tableau:
    """A small table shown in French: HTML in a notebook, plain text with print()."""

    def __init__(self, titre, entetes, rangees, notes=()):
        self.titre = titre
        self.entetes = list(entetes)
        self.rangees = [list(r) for r in rangees]
        self.notes = list(notes)

    def __repr__(self):
        return str(self)

    def __str__(self):
        largeurs = [max(len(str(x)) for x in colonne)
                    for colonne in zip(self.entetes, *self.rangees)]
        lignes = [self.titre] if self.titre else []
        for rangee in [self.entetes, *self.rangees]:
            lignes.append("  ".join(str(x).ljust(n) for x, n in zip(rangee, largeurs)).rstrip())
        return "\n".join(lignes + self.notes)

    def _repr_html_(self):
        import html

        tete = "".join(f'<th style="text-align:left;padding:3px 10px">{html.escape(str(e))}</th>'
                       for e in self.entetes)
        corps = "".join(
            "<tr>" + "".join(f'<td style="text-align:left;padding:3px 10px">{html.escape(str(x))}</td>'
                             for x in rangee) + "</tr>"
            for rangee in self.rangees
        )
        titre = f"<p style='margin:4px 0'><b>{html.escape(self.titre)}</b></p>" if self.titre else ""
        notes = "".join(f'<p style="margin:4px 0">{html.escape(n)}</p>' for n in self.notes)
        return (f'<div class="obm-tableau">{titre}<table style="border-collapse:collapse">'
                f"<thead><tr>{tete}</tr></thead><tbody>{corps}</tbody></table>{notes}</div>")


def _statut_charge(taux: float) -> str:
    """A status in an icon and a word, never a colour alone."""
    return "⚠ surcharge" if taux > 1 else "✓ dans sa capacité"


def _lignes_plan(plan, nom="plan"):
    """A plan_de_charge table (or a rebalancing's plan after) -> [(person, load h, capacity h)]."""
    if isinstance(plan, Reequilibrage):
        plan = plan.apres
    colonnes = ("charge_heures", "capacite_heures")
    if type(plan).__name__ != "DataFrame" or any(c not in plan.columns for c in colonnes):
        raise TypeInvalide(
            f"`{nom}` doit être le tableau renvoyé par `plan_de_charge(charges, capacites)` (colonnes "
            "charge_heures et capacite_heures) ou le résultat de `reequilibrer(...)`, pas un objet "
            f"{type(plan).__name__}."
        )
    lignes = []
    for personne, ligne in plan.iterrows():
        charge = v.montant(ligne["charge_heures"], "charge_heures", f" (« {personne} »)", unite="h")
        capacite = v.positif(ligne["capacite_heures"], "capacite_heures",
                             "sans heures disponibles, le taux de charge n'existe pas.",
                             f" (« {personne} »)", unite="h")
        lignes.append((str(personne), charge, capacite))
    return lignes


def tableau_charge(plan):
    """Affiche un plan de charge en français : charge, capacité, taux de charge et statut.

    ``plan`` : le tableau renvoyé par ``plan_de_charge(charges, capacites)`` (ou le résultat de
    ``reequilibrer(...)`` : c'est alors le plan après rééquilibrage). Le statut s'écrit avec une
    icône et un mot : « ⚠ surcharge » au-dessus de 100 %, « ✓ dans sa capacité » sinon.
    """
    rangees = []
    for personne, charge, capacite in _lignes_plan(plan):
        taux = charge / capacite
        ecart = (f"{_heures(charge - capacite)} en trop" if charge > capacite
                 else f"{_heures(capacite - charge)} libres")
        rangees.append([personne, _heures(charge), _heures(capacite), _pct(taux), ecart,
                        _statut_charge(taux)])
    return _Tableau("Plan de charge", ["Personne", "Charge", "Capacité", "Taux de charge", "Écart",
                                       "Statut"], rangees)


# ---------------------------------------------------------------- the week's tasks


def _dictionnaire(valeur, nom, exemple):
    if not isinstance(valeur, dict):
        raise TypeInvalide(
            f"`{nom}` doit être un dictionnaire qui donne une valeur à chaque code de tâche, par ex. "
            f"`{exemple}`, pas un objet {type(valeur).__name__}."
        )
    return {str(code).strip(): valeur_code for code, valeur_code in valeur.items()}


def _lundi(semaine):
    from obm.planification import lire_date

    jour = lire_date(semaine, "semaine")
    if jour.weekday() != 0:
        from obm.fr import date as _date_fr

        raise DonneesInvalides(
            f"`semaine` est le {_date_fr(jour)} : donne le lundi de la semaine, par ex. "
            '"2027-05-17" pour la semaine du lundi 17 mai 2027.'
        )
    return jour


def taches_de_la_semaine(libelles, personnes, heures, au_plus_tard, *, semaine, zone="metropole"):
    """Le tableau des tâches d'une semaine : qui les fait, combien d'heures, et quelle marge.

    Quatre dictionnaires qui ont les mêmes clés, les codes des tâches :

    - ``libelles`` : ``{code: "libellé de la tâche"}`` ;
    - ``personnes`` : ``{code: "prénom"}``, la personne qui réalise (le R de la matrice RACI) ;
    - ``heures`` : ``{code: heures}``, les heures de travail prévues cette semaine (la **charge**,
      pas la durée en jours) ;
    - ``au_plus_tard`` : ``{code: date}``, le jour où la tâche doit être finie (lu dans le
      rétroplanning), par ex. ``"2027-05-28"``.

    ``semaine`` : le lundi de la semaine, par ex. ``"2027-05-17"``.

    Renvoie un tableau (DataFrame) indexé par ``code``, colonnes ``tache``, ``personne``,
    ``heures``, ``au_plus_tard`` (une date), ``marge`` et ``critique``. La ``marge`` compte les
    jours ouvrés entre la fin de la semaine et ``au_plus_tard`` (jours fériés retirés, comme au
    module 03) : de combien de jours ouvrés la tâche peut sortir de la semaine sans être en
    retard. ``critique`` est vrai quand la marge est nulle : la tâche doit être finie cette
    semaine, sinon elle dépasse sa date au plus tard et une date du lancement recule. Cette marge
    se compte depuis la fin de la semaine : ce n'est ni la colonne ``marge`` du rétroplanning
    (celle du chemin critique), ni une marge de sécurité.
    """
    import pandas as pd

    from obm.planification import jours_ouvres_entre, lire_date

    lundi = _lundi(semaine)
    vendredi = lundi.fromordinal(lundi.toordinal() + 4)
    libelles = _dictionnaire(libelles, "libelles", '{"ACCUEIL": "Accueillir les acheteuses"}')
    personnes = _dictionnaire(personnes, "personnes", '{"ACCUEIL": "Léa"}')
    heures = _dictionnaire(heures, "heures", '{"ACCUEIL": 5}')
    au_plus_tard = _dictionnaire(au_plus_tard, "au_plus_tard", '{"ACCUEIL": "2027-05-28"}')
    if not libelles:
        raise DonneesInvalides("`libelles` est vide : donne au moins une tâche.")
    for nom, autre in (("personnes", personnes), ("heures", heures), ("au_plus_tard", au_plus_tard)):
        manquants = [code for code in libelles if code not in autre]
        en_trop = [code for code in autre if code not in libelles]
        if manquants:
            raise DonneesInvalides(
                f"`{nom}` ne donne rien pour " + ", ".join(f"« {c} »" for c in manquants)
                + f" : chaque code de `libelles` doit avoir sa valeur dans `{nom}`."
            )
        if en_trop:
            raise DonneesInvalides(
                f"`{nom}` contient " + ", ".join(f"« {c} »" for c in en_trop)
                + ", qui n'est pas un code de `libelles` : vérifie l'orthographe du code."
            )
    lignes = []
    for code, libelle in libelles.items():
        qui = personnes[code]
        if not isinstance(qui, str) or not qui.strip():
            raise TypeInvalide(f"La personne de « {code} » doit être un prénom entre guillemets, "
                               f'par ex. "Léa", pas {qui!r:.40}.')
        charge = v.montant(heures[code], "heures", f" (« {code} »)", unite="h")
        limite = lire_date(au_plus_tard[code], f"au_plus_tard de {code}")
        if limite < lundi:
            raise DonneesInvalides(
                f"« {code} » devait être finie le {limite.isoformat()}, avant le début de la "
                "semaine : elle est déjà en retard, elle n'a rien à faire dans le plan de cette "
                "semaine tel quel. Vérifie sa date au plus tard."
            )
        marge = 0
        if limite > vendredi:
            samedi = vendredi.fromordinal(vendredi.toordinal() + 1)
            marge = jours_ouvres_entre(samedi, limite, zone=zone)
        lignes.append({"code": code, "tache": str(libelle).strip(), "personne": qui.strip(),
                       "heures": charge, "au_plus_tard": limite, "marge": int(marge),
                       "critique": marge == 0})
    tableau = pd.DataFrame(lignes).set_index("code")
    tableau.attrs["semaine"] = lundi
    return tableau


def _lire_semaine(semaine, colonnes=("personne", "heures")):
    if type(semaine).__name__ != "DataFrame" or any(c not in semaine.columns for c in colonnes):
        raise TypeInvalide(
            "`semaine` doit être le tableau renvoyé par `taches_de_la_semaine(...)` (colonnes "
            + ", ".join(colonnes) + f"), pas un objet {type(semaine).__name__}."
        )
    if semaine.empty:
        raise DonneesInvalides("Le tableau de la semaine est vide : il n'y a aucune tâche.")
    return semaine


def charges_par_personne(semaine):
    """Les heures de chaque personne dans la semaine : ``{"Léa": 19.0, "Inès": 7.0}``.

    ``semaine`` : le tableau renvoyé par ``taches_de_la_semaine(...)``. Les personnes viennent
    dans l'ordre où elles apparaissent. C'est le premier argument de ``plan_de_charge``.
    """
    semaine = _lire_semaine(semaine)
    charges = {}
    for code, ligne in semaine.iterrows():
        qui = str(ligne["personne"]).strip()
        charges[qui] = charges.get(qui, 0.0) + v.montant(ligne["heures"], "heures", f" (« {code} »)",
                                                         unite="h")
    return charges


def tableau_semaine(semaine):
    """Affiche le tableau d'une semaine en français (heures, dates et marges lisibles).

    ``semaine`` : le tableau renvoyé par ``taches_de_la_semaine(...)``. La dernière colonne dit
    si la tâche a de la marge : « ⚠ aucune (à faire cette semaine) » ou le nombre de jours ouvrés.
    """
    from obm.fr import date as _date_fr

    semaine = _lire_semaine(semaine, ("tache", "personne", "heures", "au_plus_tard", "marge"))
    rangees = []
    for code, ligne in semaine.iterrows():
        marge = int(ligne["marge"])
        texte_marge = ("⚠ aucune : à faire cette semaine" if marge == 0
                       else f"{marge}{INSECABLE}jour{'s' if marge > 1 else ''} ouvré{'s' if marge > 1 else ''}")
        rangees.append([code, ligne["tache"], ligne["personne"], _heures(ligne["heures"]),
                        _date_fr(ligne["au_plus_tard"], "court"), texte_marge])
    lundi = semaine.attrs.get("semaine")
    titre = f"Semaine du {_date_fr(lundi)}" if lundi else "Tâches de la semaine"
    return _Tableau(titre, ["Code", "Tâche", "Personne", "Charge", "Au plus tard", "Marge"], rangees)


# ---------------------------------------------------------------- rebalancing


@dataclass(frozen=True, eq=False)
class Reequilibrage:
    """Le résultat de ``reequilibrer`` : la semaine avant et après, et ce que cela veut dire.

    - ``semaine`` : le tableau des tâches après les changements (les tâches reportées en sont
      sorties ; les tâches confiées à quelqu'un d'autre ont changé de personne) ;
    - ``avant``, ``apres`` : les plans de charge (comme ``plan_de_charge``) avant et après ;
    - ``reportees``, ``reaffectees`` : les changements demandés ;
    - ``hors_forfait`` : les heures confiées à des personnes qui n'ont pas de capacité en
      heures (des freelances à la mission) ;
    - ``nivellement`` : vrai quand une tâche sans marge est sortie de la semaine (une date du
      lancement recule) ; ``surcharges`` : les personnes encore au-dessus de leur capacité ;
    - ``lissage`` : vrai quand personne ne dépasse sa capacité, sans tâche sans marge sortie de
      la semaine ni heures confiées hors forfait ;
    - ``remarques`` : ce qu'il faut en dire, en phrases.
    """

    semaine: object
    avant: object
    apres: object
    reportees: list
    reaffectees: dict
    hors_forfait: dict
    nivellement: bool
    surcharges: list
    remarques: list

    def __repr__(self):
        return str(self)

    @property
    def lissage(self) -> bool:
        return not self.nivellement and not self.surcharges and not self.hors_forfait

    def _rangees(self):
        avant = {p: (c, cap) for p, c, cap in _lignes_plan(self.avant, "avant")}
        rangees = []
        for personne, charge, capacite in _lignes_plan(self.apres, "apres"):
            c0, _ = avant.get(personne, (0.0, capacite))
            rangees.append([personne, f"{_heures(c0)} ({_pct(c0 / capacite)})",
                            f"{_heures(charge)} ({_pct(charge / capacite)})", _heures(capacite),
                            _statut_charge(charge / capacite)])
        return rangees

    def _titre(self):
        if not self.lissage:
            return "❌ Semaine à revoir"
        if self.reportees or self.reaffectees:
            return "✅ Semaine rééquilibrée par lissage"
        return "✅ Personne ne dépasse sa capacité"

    def __str__(self):
        return str(_Tableau(self._titre(), ["Personne", "Avant", "Après", "Capacité", "Statut après"],
                            self._rangees(), self.remarques))

    def _repr_html_(self):
        tableau = _Tableau(self._titre(), ["Personne", "Avant", "Après", "Capacité", "Statut après"],
                           self._rangees(), self.remarques)
        couleur = "#1e7d32" if self.lissage else "#b3261e"
        return (f'<div style="border-left:5px solid {couleur};padding:6px 10px;margin:4px 0">'
                f"{tableau._repr_html_()}</div>")


def _codes(valeur, semaine, nom):
    if isinstance(valeur, str) or not isinstance(valeur, (list, tuple)):
        raise TypeInvalide(
            f"`{nom}` doit être une liste de codes de tâches, par ex. `[\"ACCUEIL\"]` (ou `[]` "
            f"si tu n'en reportes aucune), pas {valeur!r:.40}."
        )
    codes = []
    for code in valeur:
        code = str(code).strip()
        if code not in semaine.index:
            raise DonneesInvalides(
                f"« {code} » (dans `{nom}`) n'est pas une tâche de la semaine. Codes connus : "
                + ", ".join(str(c) for c in semaine.index) + "."
            )
        if code not in codes:
            codes.append(code)
    return codes


def reequilibrer(semaine, capacites, reportees=(), reaffectees=None):
    """Rééquilibre une semaine : sortir des tâches de la semaine, en confier à quelqu'un d'autre.

    - ``semaine`` : le tableau renvoyé par ``taches_de_la_semaine(...)`` ;
    - ``capacites`` : les heures disponibles de chacun sur la semaine, ``{"Léa": 15, "Inès": 10}`` ;
    - ``reportees`` : la liste des codes des tâches à sortir de la semaine (à replanifier plus
      tard, avant leur date au plus tard), par ex. ``["ACCUEIL"]`` ;
    - ``reaffectees`` : ``{code: "prénom"}``, les tâches confiées à une autre personne.

    Renvoie un objet (voir ``Reequilibrage``) qui montre la charge de chacun avant et après, et
    dit en phrases ce que les changements veulent dire : une tâche sans marge sortie de la
    semaine, c'est du **nivellement** (une date du lancement recule) ; une tâche qui a de la
    marge, c'est du **lissage** ; une tâche confiée à une freelance payée à la mission, c'est
    une nouvelle prestation à lui proposer.
    """
    from obm.fr import date as _date_fr

    semaine = _lire_semaine(semaine, ("tache", "personne", "heures", "au_plus_tard", "marge"))
    capacites = _heures_par_personne(capacites, "capacites")
    reportees = _codes(list(reportees) if isinstance(reportees, (list, tuple)) else reportees,
                       semaine, "reportees")
    reaffectees = dict() if reaffectees is None else reaffectees
    if not isinstance(reaffectees, dict):
        raise TypeInvalide(
            "`reaffectees` doit être un dictionnaire `{code: \"prénom\"}`, par ex. "
            f'`{{"MSG": "Inès"}}` (ou `{{}}` si tu ne confies rien), pas {reaffectees!r:.40}.'
        )
    confiees = {}
    for code, qui in reaffectees.items():
        [code] = _codes([code], semaine, "reaffectees")
        if not isinstance(qui, str) or not qui.strip():
            raise TypeInvalide(f"Dans `reaffectees`, « {code} » doit être confiée à un prénom entre "
                               f'guillemets, par ex. "Inès", pas {qui!r:.40}.')
        if code in reportees:
            raise DonneesInvalides(
                f"« {code} » est à la fois sortie de la semaine (`reportees`) et confiée à "
                f"{qui.strip()} (`reaffectees`) : choisis l'un ou l'autre."
            )
        confiees[code] = qui.strip()

    apres = semaine.drop(index=reportees).copy()
    for code, qui in confiees.items():
        apres.loc[code, "personne"] = qui
    apres.attrs = dict(semaine.attrs)

    def plan(tableau):
        charges = {p: h for p, h in charges_par_personne(tableau).items() if p in capacites} \
            if not tableau.empty else {}
        return plan_de_charge(charges or {next(iter(capacites)): 0.0}, capacites)

    avant_plan, apres_plan = plan(semaine), plan(apres)
    hors_forfait = {}
    for code, qui in confiees.items():
        if qui not in capacites:
            hors_forfait[qui] = hors_forfait.get(qui, 0.0) + float(semaine.loc[code, "heures"])

    remarques, nivellement = [], False
    for code in reportees:
        ligne = semaine.loc[code]
        if int(ligne["marge"]) == 0:
            nivellement = True
            remarques.append(
                f"⚠ « {ligne['tache']} » ({code}) n'a aucune marge : la sortir de la semaine, c'est "
                f"la finir après le {_date_fr(ligne['au_plus_tard'])} et retarder ce qui l'attend. "
                "C'est du nivellement, pas du lissage : une date du lancement recule, et c'est à "
                "Clara d'en décider."
            )
        else:
            remarques.append(
                f"« {ligne['tache']} » ({code}) sort de la semaine : à replanifier avant le "
                f"{_date_fr(ligne['au_plus_tard'])} ({int(ligne['marge'])}{INSECABLE}jours ouvrés de "
                f"marge), dans une semaine où {ligne['personne']} a de la place."
            )
    for code, qui in confiees.items():
        ligne = semaine.loc[code]
        if qui == ligne["personne"]:
            remarques.append(f"« {ligne['tache']} » ({code}) est déjà confiée à {qui} : rien ne change.")
        elif qui not in capacites:
            remarques.append(
                f"⚠ {qui} n'a pas d'heures réservées dans ce plan (pas de capacité en heures) : "
                f"lui confier « {ligne['tache']} », c'est lui proposer une nouvelle prestation, avec "
                "un devis qu'il ou elle est libre de refuser. Ses heures ne comptent pas dans le plan."
            )
        else:
            remarques.append(f"« {ligne['tache']} » ({code}) passe de {ligne['personne']} à {qui}.")
    surcharges = []
    for personne, charge, capacite in _lignes_plan(apres_plan, "apres"):
        if charge > capacite:
            surcharges.append(personne)
            remarques.append(
                f"⚠ {personne} reste au-dessus de sa capacité : {_heures(charge)} pour "
                f"{_heures(capacite)} ({_pct(charge / capacite)})."
            )
    resultat = Reequilibrage(semaine=apres, avant=avant_plan, apres=apres_plan, reportees=reportees,
                             reaffectees=confiees, hors_forfait=hors_forfait,
                             nivellement=nivellement, surcharges=surcharges, remarques=remarques)
    if resultat.lissage and (reportees or confiees):
        remarques.append(
            "Personne ne dépasse sa capacité et aucune tâche sans marge n'a bougé : les dates du "
            "lancement restent les mêmes. C'est un lissage."
        )
    return resultat


# ---------------------------------------------------------------- load chart

_BLEU, _GRIS, _ROUGE = "#2f6b9a", "#b9c2cc", "#b3261e"


def _texte_alternatif_charge(titre, lignes, avant):
    morceaux = []
    for personne, charge, capacite in lignes:
        phrase = f"{personne}{FINE}: "
        if avant is not None and personne in avant:
            c0 = avant[personne]
            phrase += (f"avant, {_heures(c0)} pour {_heures(capacite)} ({_pct(c0 / capacite)}, "
                       f"{_statut_charge(c0 / capacite)[2:]}) ; après, ")
        phrase += (f"{_heures(charge)} pour {_heures(capacite)} ({_pct(charge / capacite)}, "
                   f"{_statut_charge(charge / capacite)[2:]})")
        morceaux.append(phrase)
    return f"{titre}. " + ". ".join(morceaux) + "."


def graphique_charge(plan, *, avant=None, titre=None):
    """Dessine le plan de charge : une barre d'heures par personne face à sa capacité.

    ``plan`` : le tableau renvoyé par ``plan_de_charge(...)``, ou le résultat de
    ``reequilibrer(...)`` (le graphique montre alors la charge avant **et** après).
    ``avant`` (facultatif) : un autre plan de charge, dessiné en gris pour comparer.

    - la capacité de chacun est un trait vertical en pointillés ;
    - les heures au-delà de la capacité sont hachurées, et chaque ligne dit son statut avec une
      icône et un mot (« ⚠ surcharge » ou « ✓ dans sa capacité »), jamais par la couleur seule ;
    - la figure porte son texte alternatif (ce qu'elle montre, en phrases).

    Renvoie la figure matplotlib (la laisser en dernière ligne de la cellule pour l'afficher).
    """
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    import obm

    if isinstance(plan, Reequilibrage):
        avant = plan.avant if avant is None else avant
        plan = plan.apres
    lignes = _lignes_plan(plan)
    avant_heures = None if avant is None else {p: c for p, c, _ in _lignes_plan(avant, "avant")}
    titre = "Plan de charge" if titre is None else str(titre)

    double = avant_heures is not None
    n = len(lignes)
    figure = Figure(figsize=(9, 2.2 + (1.15 if double else 0.7) * n), dpi=100)
    ax = figure.add_subplot()
    maximum = max(max(c, cap, (avant_heures or {}).get(p, 0)) for p, c, cap in lignes)
    epaisseur = 0.34 if double else 0.55

    def barre(y, charge, capacite, couleur, etiquette):
        dans = min(charge, capacite)
        ax.barh(y, dans, height=epaisseur, color=couleur, edgecolor="#222", linewidth=0.6)
        if charge > capacite:
            ax.barh(y, charge - capacite, left=capacite, height=epaisseur, color="white",
                    edgecolor=_ROUGE, hatch="///", linewidth=1.2)
        ax.text(max(charge, capacite) + maximum * 0.02, y, etiquette, va="center", fontsize=10)

    for i, (personne, charge, capacite) in enumerate(lignes):
        y = n - 1 - i
        texte_apres = (f"{_heures(charge)} / {_heures(capacite)} · {_pct(charge / capacite)} · "
                       f"{_statut_charge(charge / capacite)}")
        if double:
            c0 = avant_heures.get(personne, 0.0)
            barre(y + 0.2, c0, capacite, _GRIS,
                  f"avant{FINE}: {_heures(c0)} / {_heures(capacite)} · {_pct(c0 / capacite)} · "
                  f"{_statut_charge(c0 / capacite)}")
            barre(y - 0.2, charge, capacite, _BLEU, f"après{FINE}: {texte_apres}")
        else:
            barre(y, charge, capacite, _BLEU, texte_apres)
        ax.plot([capacite, capacite], [y - 0.45, y + 0.45], color="#222", linestyle="--", linewidth=1.4)

    ax.set_yticks(range(n))
    ax.set_yticklabels([p for p, _, _ in reversed(lignes)], fontsize=11)
    ax.set_ylim(-0.7, n - 0.3)
    ax.set_xlim(0, maximum * 1.75)
    ax.set_xlabel("Heures de travail sur la période")
    ax.set_title(titre, fontsize=12, loc="left")
    for cote in ("top", "right"):
        ax.spines[cote].set_visible(False)
    legende = [Patch(facecolor=_BLEU, edgecolor="#222", label="Charge (après)" if double else "Charge"),
               Patch(facecolor="white", edgecolor=_ROUGE, hatch="///", label="Heures au-delà de la capacité"),
               Line2D([0], [0], color="#222", linestyle="--", label="Capacité (heures disponibles)")]
    if double:
        legende.insert(0, Patch(facecolor=_GRIS, edgecolor="#222", label="Charge avant le rééquilibrage"))
    ax.legend(handles=legende, loc="upper center", bbox_to_anchor=(0.5, -0.22), ncol=2, fontsize=9,
              frameon=False)
    figure.tight_layout()
    return obm.texte_alternatif(figure, _texte_alternatif_charge(titre, lignes, avant_heures))


def exporter_graphique_charge(plan, chemin, *, avant=None, titre=None):
    """Enregistre le graphique de charge en image PNG et renvoie le reçu du fichier écrit.

    Mêmes arguments que ``graphique_charge`` (``plan`` peut être le résultat de
    ``reequilibrer(...)`` : l'image montre alors avant et après). L'image garde son texte
    alternatif dans ses métadonnées (champ « Description »), avec les chiffres du plan.
    """
    import json
    from pathlib import Path

    chemin = Path(chemin)
    if chemin.suffix.lower() != ".png":
        raise DonneesInvalides(
            f"« {chemin.name} » : le graphique s'enregistre en image PNG ; donne un nom de fichier "
            'qui finit par .png, par ex. chemin_livrable("04_coordination_charge.png").'
        )
    if isinstance(plan, Reequilibrage):
        avant = plan.avant if avant is None else avant
        plan = plan.apres
    figure = graphique_charge(plan, avant=avant, titre=titre)
    chiffres = {"apres" if avant is not None else "plan": {
        p: {"charge_heures": c, "capacite_heures": cap} for p, c, cap in _lignes_plan(plan)}}
    if avant is not None:
        chiffres["avant"] = {p: {"charge_heures": c, "capacite_heures": cap}
                             for p, c, cap in _lignes_plan(avant, "avant")}
    chemin.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(chemin, format="png", dpi=100, bbox_inches="tight", metadata={
        "Title": titre or "Plan de charge",
        "Description": figure.get_label(),
        "Software": "Académie OBM (obm.equipe)",
        "obm:plan_de_charge": json.dumps(chiffres, ensure_ascii=False),
    })
    from obm.livrables import FichierLivrable

    taux = {p: _pct(c["charge_heures"] / c["capacite_heures"])
            for p, c in chiffres.get("apres", chiffres.get("plan", {})).items()}
    if avant is not None:
        resume = "plan de charge avant et après : " + ", ".join(
            f"{p} {_pct(c['charge_heures'] / c['capacite_heures'])} → {taux[p]}"
            for p, c in chiffres["avant"].items() if p in taux)
    else:
        resume = "plan de charge : " + ", ".join(f"{p} {t}" for p, t in taux.items())
    return FichierLivrable(chemin, {"format": "png", "plan_de_charge": chiffres, "resume": resume})


# ---------------------------------------------------------------- RACI: display and export


def _texte_case(valeur):
    """A cell as shown: 'A/R', 'R', 'C', '' ; unknown text kept between « » with a question mark."""
    lettres, inconnu = _lire_case(valeur)
    if inconnu is not None:
        return f"« {inconnu} » ?"
    if lettres == {"A", "R"}:
        return "A/R"
    return "/".join(sorted(lettres, key="RACI".index))


@dataclass(frozen=True, eq=False)
class TableauRACI:
    """Une matrice RACI prête à lire : une ligne par tâche, une colonne par personne, et la légende."""

    taches: list
    personnes: list
    cases: dict  # tâche -> {personne: texte de la case}

    def _rangees(self):
        return [[t] + [self.cases[t].get(p, "") for p in self.personnes] for t in self.taches]

    def __repr__(self):
        return str(self)

    def __str__(self):
        legende = ["Légende" + FINE + ":"] + [f"- {lettre} = {LEGENDE_RACI[lettre]}" for lettre in "RACI"]
        return str(_Tableau("Matrice RACI", ["Tâche", *self.personnes], self._rangees(), legende))

    def _repr_html_(self):
        import html

        tete = "".join(f'<th style="padding:3px 10px;text-align:center">{html.escape(p)}</th>'
                       for p in self.personnes)

        def case(texte_case):
            morceaux = [f'<abbr title="{html.escape(LETTRES_RACI[x])}">{x}</abbr>'
                        if x in LETTRES_RACI else html.escape(x) for x in texte_case.split("/")]
            return "/".join(morceaux) if texte_case else ""

        corps = "".join(
            f'<tr><th style="text-align:left;padding:3px 10px;font-weight:normal">{html.escape(t)}</th>'
            + "".join(f'<td style="text-align:center;padding:3px 10px">{case(self.cases[t].get(p, ""))}</td>'
                      for p in self.personnes) + "</tr>"
            for t in self.taches
        )
        legende = "".join(f"<li><b>{lettre}</b> = {html.escape(LEGENDE_RACI[lettre])}</li>"
                          for lettre in "RACI")
        return (f'<div class="obm-raci"><table style="border-collapse:collapse">'
                f'<thead><tr><th style="text-align:left;padding:3px 10px">Tâche</th>{tete}</tr></thead>'
                f"<tbody>{corps}</tbody></table>"
                f'<p style="margin:6px 0 2px 0"><b>Légende</b></p><ul style="margin:0">{legende}</ul></div>')


def tableau_raci(matrice):
    """Affiche une matrice RACI : une ligne par tâche, une colonne par personne, avec la légende.

    ``matrice`` : les mêmes formes que ``verifier_raci`` (un dictionnaire
    ``{tâche: {personne: lettre}}`` ou un tableau). Une personne sans lettre pour une tâche a
    une case vide. La légende donne le nom français de chaque lettre : sans elle, une matrice
    RACI se lit de travers (certaines versions françaises appellent A « Responsable »).
    """
    taches, personnes, cases = _lignes_raci(matrice)
    textes = {t: {p: _texte_case(c) for p, c in cases[t].items()} for t in taches}
    return TableauRACI(taches=taches, personnes=personnes, cases=textes)


def exporter_raci(matrice, chemin, *, titre="Matrice RACI"):
    """Écrit la matrice RACI dans un classeur Excel (.xlsx) ou un fichier CSV, avec sa légende.

    La matrice doit être valide (exactement un A et au moins un R par tâche, voir
    ``verifier_raci``) : un document partagé à l'équipe ne doit pas porter d'erreur. Le fichier
    a une ligne d'en-tête (« Tâche », puis une colonne par personne), une ligne par tâche, puis la
    légende et les deux règles. En CSV, le séparateur est le point-virgule (celui qu'Excel
    attend en français). Renvoie le reçu du fichier écrit (``obm.livrables.FichierLivrable`` :
    son ``chemin``, s'il est ``dans_livrables``, son ``contenu``), qui s'utilise comme un chemin.
    """
    from pathlib import Path

    chemin = Path(chemin)
    suffixe = chemin.suffix.lower()
    if suffixe not in (".xlsx", ".csv"):
        raise DonneesInvalides(
            f"« {chemin.name} » : la matrice s'exporte en classeur Excel (.xlsx) ou en CSV (.csv) ; "
            'donne un nom qui finit ainsi, par ex. chemin_livrable("04_coordination_raci.xlsx").'
        )
    verification = verifier_raci(matrice)
    if not verification.valide:
        raise DonneesInvalides(
            f"La matrice RACI n'est pas valide ({_pluriel(len(verification.problemes), 'problème')}, "
            f"par ex. {verification.problemes[0]}) Corrige-la avant de l'exporter : "
            "`verifier_raci(matrice)` liste ce qui ne va pas."
        )
    tableau = tableau_raci(matrice)
    rangees = [["Tâche", *tableau.personnes], *tableau._rangees(), []]
    rangees.append(["Légende"])
    rangees += [[lettre, LEGENDE_RACI[lettre]] for lettre in "RACI"]
    rangees.append([])
    rangees.append(["Règles", ("Exactement un A et au moins un R par tâche ; « A/R » : la personne "
                              "qui approuve réalise aussi.")])
    chemin.parent.mkdir(parents=True, exist_ok=True)
    if suffixe == ".csv":
        import csv

        with open(chemin, "w", encoding="utf-8-sig", newline="") as fichier:
            csv.writer(fichier, delimiter=";").writerows(rangees)
        return _recu_raci(chemin, tableau, "csv")

    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    classeur = Workbook()
    feuille = classeur.active
    feuille.title = "Matrice RACI"
    classeur.properties.title = str(titre)
    classeur.properties.creator = "Académie OBM"
    for rangee in rangees:
        feuille.append(rangee)
    gras = Font(bold=True)
    for cellule in feuille[1]:
        cellule.font = gras
        cellule.fill = PatternFill("solid", fgColor="DDE6EE")
        cellule.alignment = Alignment(horizontal="center")
    for ligne in feuille.iter_rows(min_row=2, max_row=1 + len(tableau.taches), min_col=2):
        for cellule in ligne:
            cellule.alignment = Alignment(horizontal="center")
    debut_legende = len(tableau.taches) + 3
    feuille.cell(row=debut_legende, column=1).font = gras
    feuille.cell(row=debut_legende + 6, column=1).font = gras
    feuille.column_dimensions["A"].width = max(12, min(60, max(len(t) for t in tableau.taches) + 2))
    for i in range(len(tableau.personnes)):
        feuille.column_dimensions[chr(ord("B") + i)].width = 12
    feuille.freeze_panes = "B2"
    classeur.save(chemin)
    return _recu_raci(chemin, tableau, "xlsx")


def _recu_raci(chemin, tableau, format_):
    from obm.livrables import FichierLivrable

    resume = (f"matrice RACI : {_pluriel(len(tableau.taches), 'tâche')}, "
              f"{_pluriel(len(tableau.personnes), 'personne')}, légende comprise")
    return FichierLivrable(chemin, {"format": format_, "taches": list(tableau.taches),
                                    "personnes": list(tableau.personnes), "legende": True,
                                    "resume": resume})
