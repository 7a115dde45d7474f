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
from obm.erreurs import DonneesInvalides

__all__ = ["chiffre_affaires_necessaire", "partage_du_surplus", "tjm", "zopa"]


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
    Exemple : 36 000 € de revenu, 4 000 € de frais, 25,8 % de cotisations →
    ``chiffre_affaires_necessaire(36000, 0.258, 4000)`` ≈ 53 908 €.
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
      (0.258 pour 25,6 % de cotisations sociales + 0,2 % de formation professionnelle) ;
    - ``frais`` : tes frais de l'année (outils, matériel, formation, assurance…) ;
    - ``jours_facturables`` : les jours **vendus** dans l'année, pas les jours ouvrés : sur
      environ 226 à 228 jours ouvrés (261 jours de semaine − 25 jours de congés − les fériés),
      la prospection et la gestion en prennent une bonne part ; compte plutôt 120 à 160.

    Exemple : ``tjm(36000, 0.258, 4000, 140)`` ≈ 385 € par jour (environ 55 € de l'heure sur
    7 h). Le TJM est un chiffre d'affaires, pas un salaire. Le résultat n'est pas arrondi.
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
