"""The visit step's decisions, one module each: title and participants, organiser,
hosts, visited places."""
from .choices import HostChoice, PlaceChoice, VisitAssembly, fold
from .cues import Cues
from .heading import find_participants, find_title
from .hosts import HostSelector
from .organizer import fill_city_from_other_mentions, find_organizer
from .places import visited_places

__all__ = ["Cues", "HostChoice", "HostSelector", "PlaceChoice", "VisitAssembly", "fill_city_from_other_mentions", "find_organizer",
           "find_participants", "find_title", "fold", "visited_places"]
