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
    "RepartitionENPS",
    "VerificationRACI",
    "enps",
    "plan_de_charge",
    "repartition_enps",
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
