"""La zone d'accord possible, interactive (module 09) : les deux prix de réservation et le prix
convenu bougent ; la zone (ou son absence) et le partage du surplus se recalculent."""

from __future__ import annotations

import html


class ZopaInteractive:
    """Une négociation de prix vue d'en haut : la ZOPA et ce que chaque partie y gagne.

    Trois curseurs : le prix de réservation de la vendeuse (en dessous, elle refuse), celui de
    l'acheteuse (au-dessus, elle refuse) et le prix convenu. La vue écrit la zone d'accord, ou
    qu'il n'y en a pas, et, pour un prix dans la zone, le gain de chacune par rapport à sa
    solution de repli. Tout se fait au clavier : tabulation, puis flèches.
    """

    def __init__(self, reservation_vendeuse, reservation_acheteuse, prix, *, pas=50,
                 vendeuse="la vendeuse", acheteuse="l'acheteuse"):
        import ipywidgets as w

        from obm import negociation

        self._negociation = negociation
        self.noms = (vendeuse, acheteuse)
        bas = min(reservation_vendeuse, reservation_acheteuse, prix)
        haut = max(reservation_vendeuse, reservation_acheteuse, prix)
        minimum = max(0, int(bas - (haut - bas) - 2 * pas) // pas * pas)
        maximum = int(haut + (haut - bas) + 2 * pas) // pas * pas
        style = {"description_width": "260px"}
        disposition = w.Layout(width="620px")

        def curseur(valeur, description):
            return w.IntSlider(value=round(valeur), min=minimum, max=maximum, step=pas,
                               description=description, style=style, layout=disposition,
                               readout=False, continuous_update=False)

        self.vendeuse = curseur(reservation_vendeuse, f"Réservation de {vendeuse} (€ HT)")
        self.acheteuse = curseur(reservation_acheteuse, f"Réservation de {acheteuse} (€ HT)")
        self.prix = curseur(prix, "Prix convenu (€ HT)")
        self.curseurs = (self.vendeuse, self.acheteuse, self.prix)
        self.valeurs = tuple(w.HTML(layout=w.Layout(width="110px")) for _ in self.curseurs)
        self.resultat = w.HTML()
        lignes = [w.HBox([c, v]) for c, v in zip(self.curseurs, self.valeurs)]
        self.vue = w.VBox([*lignes, self.resultat])
        self.vue.add_class("obm-zopa")
        for c in self.curseurs:
            c.observe(self._recalculer, names="value")
        self._recalculer()

    def _recalculer(self, _changement=None):
        from obm import fr

        for c, valeur in zip(self.curseurs, self.valeurs):
            valeur.value = f"<span class='obm-valeur-curseur'>{html.escape(fr.euros(c.value, 0))}</span>"
        vendeuse, acheteuse = self.noms
        zone = self._negociation.zopa(self.vendeuse.value, self.acheteuse.value)
        if zone is None:
            ecart = self.vendeuse.value - self.acheteuse.value
            texte_zone = (f"❌ <b>Pas de zone d'accord</b> : {html.escape(vendeuse)} refuse en dessous "
                          f"de {html.escape(fr.euros(self.vendeuse.value, 0))}, {html.escape(acheteuse)} "
                          f"au-dessus de {html.escape(fr.euros(self.acheteuse.value, 0))} "
                          f"({html.escape(fr.euros(ecart, 0))} d'écart). Aucun prix ne convient aux deux : "
                          "chacune a intérêt à prendre sa solution de repli.")
            partage = "⏸️ Pas de partage : sans zone, il n'y a pas de surplus à partager."
        else:
            largeur = zone[1] - zone[0]
            texte_zone = (f"✅ <b>Zone d'accord</b> : de {html.escape(fr.euros(zone[0], 0))} à "
                          f"{html.escape(fr.euros(zone[1], 0))}, soit un surplus de "
                          f"{html.escape(fr.euros(largeur, 0))} à partager.")
            if zone[0] <= self.prix.value <= zone[1]:
                gains = self._negociation.partage_du_surplus(self.prix.value, *zone)
                partage = (f"🤝 À {html.escape(fr.euros(self.prix.value, 0))}, "
                           f"{html.escape(vendeuse)} gagne <span class='obm-gain-vendeuse'>"
                           f"{html.escape(fr.euros(gains['vendeur'], 0))}</span> et "
                           f"{html.escape(acheteuse)} <span class='obm-gain-acheteuse'>"
                           f"{html.escape(fr.euros(gains['acheteur'], 0))}</span> par rapport à leur "
                           "solution de repli.")
            else:
                partage = (f"⚠️ À {html.escape(fr.euros(self.prix.value, 0))}, le prix est hors de la "
                           "zone : l'une des deux préfère sa solution de repli, l'accord ne se fait pas.")
        self.resultat.value = (f"<p role='status' class='obm-zone'>{texte_zone}</p>"
                               f"<p role='status' class='obm-partage'>{partage}</p>")

    def _ipython_display_(self):
        from IPython.display import display

        display(self.vue)


def zopa_interactive(reservation_vendeuse, reservation_acheteuse, prix, *, pas=50,
                     vendeuse="la vendeuse", acheteuse="l'acheteuse"):
    """Affiche la zone d'accord possible (ZOPA) d'une négociation de prix, avec trois curseurs
    (souris ou clavier) : les deux prix de réservation et le prix convenu, en euros HT.

    ``pas`` : le pas des curseurs, en euros ; ``vendeuse`` et ``acheteuse`` : les noms à
    afficher (par ex. ``vendeuse="Clara"``).
    """
    return ZopaInteractive(reservation_vendeuse, reservation_acheteuse, prix, pas=pas,
                           vendeuse=vendeuse, acheteuse=acheteuse)
