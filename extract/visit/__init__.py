"""The visit step: which institutions were hosts, which localities were visited, who
organised, the title and the group. One module per decision (``organizer``, ``hosts``,
``host_city``, ``visited_names``, ``places``, ``heading``), the spaCy component in
``factory``; rules as data in ``models/resources/visit_cues.csv``, the host-city weights in
``models/host_city/``."""
from .choices import HostChoice, PlaceChoice, VisitAssembly, fold
from .cues import Cues
from .heading import find_participants, find_title
from .hosts import HostSelector
from .organizer import fill_city_from_other_mentions, find_organizer
from .places import visited_places

__all__ = ["Cues", "HostChoice", "HostSelector", "PlaceChoice", "VisitAssembly", "fill_city_from_other_mentions", "find_organizer",
           "find_participants", "find_title", "fold", "visited_places"]
