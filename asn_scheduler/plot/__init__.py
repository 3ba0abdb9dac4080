"""Plots for analysts comparing policies (matplotlib, the optional ``notebooks`` extra).

Every function takes results of :func:`asn_scheduler.solve` or frames of
:mod:`asn_scheduler.frames`, draws on ``ax`` (a new figure when ``None``) and returns the
Axes. Text is in Bahasa Indonesia unless ``lang="en"``. matplotlib is imported on first
use, so ``import asn_scheduler`` never needs it.
"""

from asn_scheduler.plot.compare import commute_avoided as commute_avoided
from asn_scheduler.plot.compare import wfh_share_by_category as wfh_share_by_category
from asn_scheduler.plot.roster import calendar_heatmap as calendar_heatmap
from asn_scheduler.plot.roster import occupancy_by_day as occupancy_by_day
from asn_scheduler.plot.roster import wfh_days_distribution as wfh_days_distribution
from asn_scheduler.plot.whatif import tradeoff as tradeoff
