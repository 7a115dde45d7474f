"""La négociation : zone d'accord possible (ZOPA) et taux journalier moyen (TJM).

- Le **prix de réservation** est le seuil de rupture de chaque partie, tiré de sa meilleure
  solution de repli (MESORE, en anglais BATNA) : la vendeuse n'accepte rien en dessous du sien,
  l'acheteuse ne paie rien au-dessus du sien. La **ZOPA** est l'intervalle entre les deux ; il
  n'y en a pas quand le seuil de la vendeuse dépasse celui de l'acheteuse.
- Le **TJM** (taux journalier moyen) est le montant facturé, hors taxes, par jour travaillé :
  un chiffre d'affaires, pas un salaire. Il se calcule à partir du revenu visé, des
  cotisations, des frais et des jours réellement facturables (voir ``tjm``).

Compare toujours des montants de même nature : tous hors taxes (HT), ou tous toutes taxes
comprises (TTC), jamais un mélange des deux.
"""

from __future__ import annotations

from obm import _validation as v
from obm._affichage import euros as _euros
from obm._affichage import nombre as _nombre
from obm.erreurs import DonneesInvalides, TypeInvalide

__all__ = ["CLES_FICHE", "chiffre_affaires_necessaire", "concessions", "concessions_decroissantes",
           "ecrire_fiche_preparation", "fiche_preparation_markdown", "partage_du_surplus", "tjm", "zopa"]


def zopa(reservation_vendeur, reservation_acheteur):
    """Zone d'accord possible (ZOPA) entre les prix de réservation des deux parties.

    ``reservation_vendeur`` : le prix en dessous duquel la vendeuse refuse ;
    ``reservation_acheteur`` : le prix au-dessus duquel l'acheteuse refuse.
    Renvoie le couple ``(bas, haut)`` des prix acceptables par les deux, ou ``None`` quand il n'y
    a pas de zone (le seuil de la vendeuse dépasse celui de l'acheteuse : mieux vaut alors
    chacune sa solution de repli).
    Exemple : ``zopa(520_000, 600_000)`` → ``(520000.0, 600000.0)`` ; ``zopa(400, 350)`` → ``None``.
    """
    vendeur = v.montant(reservation_vendeur, "reservation_vendeur")
    acheteur = v.montant(reservation_acheteur, "reservation_acheteur")
    if vendeur > acheteur:
        return None
    return (vendeur, acheteur)


def partage_du_surplus(prix, reservation_vendeur, reservation_acheteur):
    """Ce que gagne chaque partie si l'accord se fait à ``prix`` (dans la ZOPA).

    Renvoie un dictionnaire ``{"vendeur": prix − réservation du vendeur, "acheteur":
    réservation de l'acheteur − prix}`` ; leur somme est le surplus total, la largeur de la zone.
    Exemple : ``partage_du_surplus(540_000, 520_000, 600_000)`` →
    ``{"vendeur": 20000.0, "acheteur": 60000.0}``.
    """
    zone = zopa(reservation_vendeur, reservation_acheteur)
    p = v.montant(prix, "prix")
    if zone is None:
        raise DonneesInvalides(
            "Il n'y a pas de zone d'accord : le prix de réservation du vendeur "
            f"({_euros(float(reservation_vendeur))}) dépasse celui de l'acheteur "
            f"({_euros(float(reservation_acheteur))}). Aucun prix ne convient aux deux."
        )
    bas, haut = zone
    if not bas <= p <= haut:
        raise DonneesInvalides(
            f"Le prix {_euros(p)} est hors de la zone d'accord ({_euros(bas)} – {_euros(haut)}) : "
            "l'une des deux parties préférerait sa solution de repli."
        )
    return {"vendeur": p - bas, "acheteur": haut - p}


def chiffre_affaires_necessaire(revenu_vise, taux_cotisations, frais):
    """Chiffre d'affaires annuel HT qu'il faut encaisser pour garder ``revenu_vise``.

    Les cotisations d'une micro-entrepreneuse se paient en pourcentage du chiffre d'affaires
    encaissé : CA = (revenu visé + frais) ÷ (1 − taux de cotisations).
    Exemple, à un taux rond (le taux de l'année se lit avec ``obm.finances.parametre``) :
    36 000 € de revenu, 4 000 € de frais, 25 % de cotisations →
    ``chiffre_affaires_necessaire(36000, 0.25, 4000)`` ≈ 53 333 €.
    """
    revenu = v.montant(revenu_vise, "revenu_vise")
    taux = v.taux(taux_cotisations, "taux_cotisations", un_permis=False)
    depenses = v.montant(frais, "frais")
    return v.fini((revenu + depenses) / (1 - taux), "Le chiffre d'affaires nécessaire")


def tjm(revenu_vise, taux_cotisations, frais, jours_facturables):
    """Taux journalier moyen (TJM, hors taxes) à facturer pour atteindre un revenu visé.

    TJM = (revenu visé + cotisations + frais) ÷ jours facturables, où les cotisations sont un
    pourcentage du chiffre d'affaires ; d'où CA = (revenu visé + frais) ÷ (1 − taux de
    cotisations), puis TJM = CA ÷ jours facturables.

    - ``revenu_vise`` : ce que tu veux garder sur l'année, avant impôt sur le revenu ;
    - ``taux_cotisations`` : la part du chiffre d'affaires versée en cotisations, en fraction
      (0.25 pour 25 %), formation professionnelle comprise ; le taux de l'année se lit, daté et
      sourcé, avec ``obm.finances.parametre`` ;
    - ``frais`` : tes frais de l'année (outils, matériel, formation, assurance…) ;
    - ``jours_facturables`` : les jours **vendus** dans l'année, pas les jours ouvrés : sur
      environ 226 à 228 jours ouvrés (261 jours de semaine − 25 jours de congés − les fériés),
      la prospection et la gestion en prennent une bonne part ; compte plutôt 120 à 160.

    Exemple, à un taux rond : ``tjm(36000, 0.25, 4000, 140)`` ≈ 381 € par jour (environ 54 € de
    l'heure sur 7 h). Le TJM est un chiffre d'affaires, pas un salaire. Le résultat n'est pas arrondi.
    """
    ca = chiffre_affaires_necessaire(revenu_vise, taux_cotisations, frais)
    jours = v.positif(
        jours_facturables, "jours_facturables",
        "sans jour facturable, aucun taux journalier ne permet d'atteindre ce revenu (division "
        "par zéro). Compte les jours que tu vendras dans l'année, souvent 120 à 160.",
        unite="j",
    )
    if jours > 366:
        raise DonneesInvalides(
            f"`jours_facturables` vaut {_nombre(jours)} : une année n'a que 365 jours (366 les années "
            "bissextiles). Compte les jours vendus dans l'année, souvent 120 à 160."
        )
    return v.fini(ca / jours, "Le TJM")


def _offres(offres, nom="offres") -> list[float]:
    """The offers as floats, at least two, each an amount ≥ 0."""
    if isinstance(offres, (str, dict, set)) or not hasattr(offres, "__len__"):
        raise DonneesInvalides(
            f"`{nom}` doit être une liste d'offres successives en euros HT, par ex. [900, 1000, 1040], "
            f"pas {offres!r:.60}.")
    valeurs = v.elements(offres, nom, exemple="[900, 1000, 1040]", quoi="une liste d'offres")
    montants = [v.montant(x, nom, ou) for ou, x in valeurs]
    if len(montants) < 2:
        raise DonneesInvalides(
            f"`{nom}` n'a qu'une offre : une concession est le pas entre deux offres successives. "
            "Écris au moins l'offre d'ouverture et l'offre suivante.")
    return montants


def concessions(offres):
    """Les concessions d'une suite d'offres : le pas (en euros, positif) entre deux offres successives.

    ``offres`` : les offres successives d'une même partie, de l'offre d'ouverture à la dernière
    (une liste de montants HT). Exemple : ``concessions([900, 1000, 1040, 1060])`` →
    ``[100.0, 40.0, 20.0]``. Le résultat n'est pas arrondi.
    """
    montants = _offres(offres)
    return [abs(apres - avant) for avant, apres in zip(montants, montants[1:])]


def concessions_decroissantes(offres):
    """Vrai si les offres vont toutes dans le même sens, par pas strictement de plus en plus petits.

    Il faut au moins deux concessions (trois offres). Des pas égaux (100, 100, 100) ou qui
    grandissent disent à l'autre que ta limite est encore loin : ``False``. Une offre répétée
    (un pas nul) n'est pas une concession : ``False`` aussi.
    Exemple : ``concessions_decroissantes([900, 1000, 1040, 1060])`` → ``True``.
    """
    montants = _offres(offres)
    ecarts = [apres - avant for avant, apres in zip(montants, montants[1:])]
    if len(ecarts) < 2:
        return False
    meme_sens = all(e > 0 for e in ecarts) or all(e < 0 for e in ecarts)
    pas = [abs(e) for e in ecarts]
    return meme_sens and all(apres < avant for avant, apres in zip(pas, pas[1:]))


# La fiche de préparation : ses clés, dans l'ordre où elle les écrit.
CLES_FICHE = (
    "negociation", "avec", "role",
    "ma_mesore", "mon_prix_de_reservation", "mon_objectif",
    "sa_mesore_estimee", "son_prix_de_reservation_estime",
    "offre_ouverture", "critere_objectif",
    "mes_interets", "ses_interets", "options",
    "offres", "contreparties",
)
_TEXTES = ("negociation", "avec", "ma_mesore", "sa_mesore_estimee", "critere_objectif",
           "mes_interets", "ses_interets", "options")
_MONTANTS = ("mon_prix_de_reservation", "mon_objectif", "son_prix_de_reservation_estime",
             "offre_ouverture")
_ROLES = ("acheteuse", "vendeuse")


def _controler_fiche(fiche) -> dict:
    """The sheet, checked; raises the obm error saying what to fix."""
    if not isinstance(fiche, dict):
        raise TypeInvalide("La fiche doit être un dictionnaire {clé: valeur}, avec les clés du modèle "
                           "de la leçon.")
    manquantes = [c for c in CLES_FICHE if c not in fiche]
    if manquantes:
        raise DonneesInvalides(f"Il manque la clé « {manquantes[0]} » dans ta fiche. Reprends le modèle : "
                               "toutes les clés sont nécessaires.")
    for cle in _TEXTES:
        if not isinstance(fiche[cle], str) or not fiche[cle].strip():
            raise DonneesInvalides(f"« {cle} » doit être un texte non vide, entre guillemets.")
    if fiche["role"] not in _ROLES:
        raise DonneesInvalides("« role » vaut \"acheteuse\" (tu paies) ou \"vendeuse\" (tu es payée).")
    montants = {cle: v.montant(fiche[cle], cle) for cle in _MONTANTS}
    offres = _offres(fiche["offres"], "offres")
    acheteuse = fiche["role"] == "acheteuse"
    reservation, objectif = montants["mon_prix_de_reservation"], montants["mon_objectif"]
    if (acheteuse and objectif > reservation) or (not acheteuse and objectif < reservation):
        raise DonneesInvalides(
            "Ton objectif est au-delà de ton prix de réservation : à ce prix, ta solution de repli "
            "serait meilleure que l'accord. Relis tes deux montants (tous les deux HT).")
    if offres[0] != montants["offre_ouverture"]:
        raise DonneesInvalides("La liste « offres » doit commencer par ton offre d'ouverture.")
    au_dela = [o for o in offres if (o > reservation if acheteuse else o < reservation)]
    if au_dela:
        raise DonneesInvalides(
            f"L'offre {_euros(au_dela[0])} franchit ton prix de réservation ({_euros(reservation)}) : "
            "à ce prix, mieux vaut ta solution de repli. Ne le franchis jamais.")
    contreparties = fiche["contreparties"]
    if not isinstance(contreparties, list) or not all(isinstance(c, str) and c.strip()
                                                      for c in contreparties):
        raise DonneesInvalides("« contreparties » doit être une liste de textes, un par concession.")
    if len(contreparties) != len(offres) - 1:
        raise DonneesInvalides(
            f"Tu as {len(offres) - 1} concession(s) (les pas entre tes offres) et "
            f"{len(contreparties)} contrepartie(s) : chaque concession s'échange contre quelque chose.")
    return {**fiche, **montants, "offres": offres}


def fiche_preparation_markdown(fiche) -> str:
    """Le texte (Markdown) de la fiche de préparation, sans écrire de fichier.

    ``fiche`` : un dictionnaire avec les clés de ``CLES_FICHE`` (le modèle de la leçon 09) ;
    montants en euros HT. Lève l'erreur du cours si une clé manque, si une offre franchit ton
    prix de réservation ou s'il manque une contrepartie.
    """
    from obm.fr import typographie_markdown

    f = _controler_fiche(fiche)
    pas = concessions(f["offres"])
    lignes = [
        "# Fiche de préparation de négociation",
        "",
        f"**Négociation :** {f['negociation']}  ",
        f"**Avec :** {f['avec']}  ",
        f"**Mon rôle :** {f['role']} (tous les montants sont hors taxes)",
        "",
        "## Avant : les solutions de repli",
        "",
        "| | Moi | L'autre partie (estimation) |",
        "|---|---|---|",
        f"| Solution de repli (MESORE) | {f['ma_mesore']} | {f['sa_mesore_estimee']} |",
        f"| Prix de réservation | {_euros(f['mon_prix_de_reservation'])} | "
        f"{_euros(f['son_prix_de_reservation_estime'])} |",
        "",
        f"**Mon objectif :** {_euros(f['mon_objectif'])}  ",
        f"**Mon offre d'ouverture :** {_euros(f['offre_ouverture'])}, justifiée par : "
        f"{f['critere_objectif']}",
        "",
        "## Les intérêts, pas les positions",
        "",
        f"- **Les miens :** {f['mes_interets']}",
        f"- **Les siens :** {f['ses_interets']}",
        f"- **Des options qui servent les deux :** {f['options']}",
        "",
        "## Mes concessions, chacune échangée",
        "",
        "| Offre | Concession | Contrepartie demandée (si… alors…) |",
        "|---|---|---|",
        f"| {_euros(f['offres'][0])} | ouverture | |",
    ]
    for offre, pas_, contrepartie in zip(f["offres"][1:], pas, f["contreparties"]):
        lignes.append(f"| {_euros(offre)} | {_euros(pas_)} | {contrepartie} |")
    decroissantes = concessions_decroissantes(f["offres"])
    lignes += [
        "",
        "Concessions de plus en plus petites : " + ("oui." if decroissantes else
                                                   "non, à revoir avant le rendez-vous."),
        "",
        f"**Je quitte la table** au-delà de {_euros(f['mon_prix_de_reservation'])} : "
        "ma solution de repli est alors meilleure.",
        "",
    ]
    return typographie_markdown("\n".join(lignes))


def ecrire_fiche_preparation(fiche, chemin) -> str:
    """Écrit la fiche de préparation (Markdown) dans le fichier ``chemin`` et renvoie son chemin, en texte.

    ``chemin`` : le fichier à écrire, en général dans ton dossier ``livrables/``
    (``chemin_livrable(nom)`` le donne). La fiche est d'abord contrôlée (voir
    ``fiche_preparation_markdown``) : rien n'est écrit si elle n'est pas cohérente.
    """
    from pathlib import Path

    texte = fiche_preparation_markdown(fiche)
    chemin = Path(chemin)
    chemin.write_text(texte, encoding="utf-8")
    return str(chemin)
