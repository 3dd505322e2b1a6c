#!/usr/bin/env python3
"""Mutation check of the shipped rulesets: change one number, date or reading at a time; `tenet test` must fail.

Each mutation names a ruleset file, the declaration that holds the number (or the comparison, rounding
or combination that is a reading of the source), a pattern for the line in that declaration, and the
text to change in it. The mutated file is written into a temporary copy of
rulesets/ (so `extends` and `import` still resolve), and `tenet test` runs the tests of that file:
it must exit 1 (a test failed). Exit 0 means the change went unnoticed: a test is missing. Exit 2
means the mutation broke the ruleset, and a declaration or line that cannot be found means the list
below is stale: both are errors too, so this check cannot pass by accident.

Usage: mutate.py TENET REPO_ROOT [--verbose] [--only SUBSTRING]
"""
import argparse
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

# (file, declaration, line pattern (regex), old text, new text[, the ruleset whose tests must notice it,
# when not the file itself: kwp.tenet's amendment has no date, a layer over it gives one]). Old text
# occurs once in the line.
MUTATIONS = [
    # ---- works.tenet: state rules ------------------------------------------------------------------
    ("colorado/works.tenet", "parameter resource_limit", r"= \$2,000", "$2,000", "$2,001"),
    ("colorado/works.tenet", "parameter resource_limit", r"= \$2,000", "$2,000", "$1,999.99"),
    ("colorado/works.tenet", "parameter drug_felony_cutoff", r"= 1997-07-01", "1997-07-01", "1997-07-02"),
    ("colorado/works.tenet", "parameter drug_felony_cutoff", r"= 1997-07-01", "1997-07-01", "1997-06-30"),
    ("colorado/works.tenet", "parameter alien_entry_cutoff", r"= 1996-08-22", "1996-08-22", "1996-08-21"),
    ("colorado/works.tenet", "parameter minor_age", r"= 18", "18", "19"),
    ("colorado/works.tenet", "parameter minor_age", r"= 18", "18", "17"),
    ("colorado/works.tenet", "parameter teen_first_age", r"= 13", "13", "14"),
    ("colorado/works.tenet", "parameter teen_last_age", r"= 19", "19", "20"),
    ("colorado/works.tenet", "parameter poverty_guideline_first_person", r"\$8,240", "$8,240", "$8,241"),
    ("colorado/works.tenet", "parameter poverty_guideline_each_additional", r"= \$2,820", "$2,820", "$2,821"),
    ("colorado/works.tenet", "table participation_requirement", r"\.\.1997 +\| single_parent", "20 | 25%", "20 | 26%"),
    ("colorado/works.tenet", "table participation_requirement", r"\.\.1997 +\| single_parent", "20 | 25%", "21 | 25%"),
    ("colorado/works.tenet", "table participation_requirement", r"^  1998 +\| single_parent", "20 | 30%", "20 | 31%"),
    ("colorado/works.tenet", "table participation_requirement", r"^  1998 +\| single_parent", "20 | 30%", "21 | 30%"),
    ("colorado/works.tenet", "table participation_requirement", r"^  1999 +\| single_parent", "25 | 35%", "25 | 36%"),
    ("colorado/works.tenet", "table participation_requirement", r"^  1999 +\| single_parent", "25 | 35%", "26 | 35%"),
    ("colorado/works.tenet", "table participation_requirement", r"^  2000 +\| single_parent", "30 | 40%", "30 | 41%"),
    ("colorado/works.tenet", "table participation_requirement", r"^  2000 +\| single_parent", "30 | 40%", "31 | 40%"),
    ("colorado/works.tenet", "table participation_requirement", r"^  2001 +\| single_parent", "30 | 45%", "30 | 46%"),
    ("colorado/works.tenet", "table participation_requirement", r"^  2002\.\. +\| single_parent", "30 | 50%", "30 | 51%"),
    ("colorado/works.tenet", "table participation_requirement", r"\.\.1997 +\| two_parent", "35 | 75%", "35 | 76%"),
    ("colorado/works.tenet", "table participation_requirement", r"\.\.1997 +\| two_parent", "35 | 75%", "36 | 75%"),
    ("colorado/works.tenet", "table participation_requirement", r"^  1998 +\| two_parent", "35 | 75%", "35 | 76%"),
    ("colorado/works.tenet", "table participation_requirement", r"^  1999\.\. +\| two_parent", "35 | 90%", "35 | 91%"),
    ("colorado/works.tenet", "table participation_requirement", r"^  1999\.\. +\| two_parent", "35 | 90%", "34 | 90%"),
    ("colorado/works.tenet", "ladder noncompliance_sanction", r"level 1:", "25%", "26%"),
    ("colorado/works.tenet", "ladder noncompliance_sanction", r"level 1:", "30 days", "31 days"),
    ("colorado/works.tenet", "ladder noncompliance_sanction", r"level 2:", "50%", "51%"),
    ("colorado/works.tenet", "ladder noncompliance_sanction", r"level 2:", "30 days", "29 days"),
    ("colorado/works.tenet", "ladder noncompliance_sanction", r"level 3:", "100%", "99%"),
    ("colorado/works.tenet", "ladder noncompliance_sanction", r"level 3:", "90 days", "89 days"),
    ("colorado/works.tenet", "ladder noncompliance_sanction", r"carry highest", "carry highest", "carry none"),
    ("colorado/works.tenet", "parameter job_refusal_sanction_percent", r"from 1998-03-01", "100%", "99%"),
    ("colorado/works.tenet", "parameter job_refusal_sanction_percent", r"from 1998-03-01", "1998-03-01", "1998-03-02"),
    ("colorado/works.tenet", "parameter job_refusal_minimum", r"= 1 month", "1 month", "30 days"),
    ("colorado/works.tenet", "parameter fraud_first_offense_period", r"= 12 months", "12 months", "13 months"),
    ("colorado/works.tenet", "parameter fraud_second_offense_period", r"= 24 months", "24 months", "23 months"),
    ("colorado/works.tenet", "parameter fraud_lifetime_offense", r"= 3", "3", "4"),
    ("colorado/works.tenet", "parameter dual_state_denial_period", r"= 10 years", "10 years", "9 years"),
    # ---- weld.tenet: exemptions, participation, hours ----------------------------------------------
    ("colorado/weld.tenet", "parameter temporary_incapacity_limit", r"= 3 months", "3 months", "90 days"),
    ("colorado/weld.tenet", "parameter exemption_redetermination_interval", r"= 3 months", "3 months", "4 months"),
    ("colorado/weld.tenet", "parameter caseload_reduction_factor", r"= 67%", "67%", "66%"),
    ("colorado/weld.tenet", "parameter caseload_reduction_factor", r"= 67%", "67%", "68%"),
    ("colorado/weld.tenet", "parameter work_requirement_months", r"= 24", "24", "25"),
    ("colorado/weld.tenet", "parameter work_activity_max_daily_hours", r"= 8", "8", "9"),
    ("colorado/weld.tenet", "parameter secondary_school_age_limit", r"= 20", "20", "21"),
    ("colorado/weld.tenet", "parameter other_approved_activities_offered", r"from 1998-12-01", "1998-12-01", "1998-12-02"),
    ("colorado/weld.tenet", "table activity_max_duration", r"public_sector_work_activity", "3 months", "4 months"),
    ("colorado/weld.tenet", "table activity_max_duration", r"private_sector_work_activity", "6 months", "5 months"),
    ("colorado/weld.tenet", "table activity_max_duration", r"ActivityKind\.work_supplementation", "6 months", "7 months"),
    ("colorado/weld.tenet", "table activity_max_duration", r"skill_development_seminar", "4 weeks", "5 weeks"),
    ("colorado/weld.tenet", "table activity_max_duration", r"job_skills_training", "12 months", "11 months"),
    ("colorado/weld.tenet", "table activity_max_duration", r"occupational_skills_training", "12 months", "13 months"),
    ("colorado/weld.tenet", "table activity_max_duration", r"other_approved", "3 months", "2 months"),
    ("colorado/weld.tenet", "parameter postsecondary_assessment_deadline", r"1997-10-31", "1997-10-31", "1997-11-01"),
    ("colorado/weld.tenet", "parameter postsecondary_assessment_deadline", r"1997-10-31", "1997-10-31", "1997-10-30"),
    ("colorado/weld.tenet", "parameter postsecondary_min_gpa", r"= 2\.5", "2.5", "2.4"),
    ("colorado/weld.tenet", "parameter postsecondary_semesters_needed", r"= 2", "2", "1"),
    ("colorado/weld.tenet", "parameter postsecondary_quarters_needed", r"= 3", "3", "2"),
    ("colorado/weld.tenet", "parameter full_time_clock_hours", r"= 25", "25", "24"),
    ("colorado/weld.tenet", "parameter full_time_shop_clock_hours", r"= 30", "30", "31"),
    ("colorado/weld.tenet", "parameter postsecondary_completion_window", r"= 1 year", "1 year", "13 months"),
    # ---- work supplementation, training ------------------------------------------------------------
    ("colorado/weld.tenet", "parameter wsp_regular_fee_percent", r"= 50%", "50%", "49%"),
    ("colorado/weld.tenet", "parameter wsp_temp_fee_percent", r"= 25%", "25%", "26%"),
    ("colorado/weld.tenet", "parameter wsp_temp_fee_cap", r"= \$300", "$300", "$301"),
    ("colorado/weld.tenet", "parameter wsp_first_period_bonus", r"= \$300", "$300", "$299"),
    ("colorado/weld.tenet", "parameter wsp_additional_period_bonus", r"= \$300", "$300", "$301"),
    ("colorado/weld.tenet", "parameter wsp_hire_bonus", r"= \$500", "$500", "$501"),
    ("colorado/weld.tenet", "parameter wsp_weekly_hours", r"= 40", "40", "39"),
    ("colorado/weld.tenet", "parameter federal_minimum_wage", r"1997-09-01", "$5.15", "$5.16"),
    ("colorado/weld.tenet", "parameter federal_minimum_wage", r"1996-10-01", "$4.75", "$4.74"),
    ("colorado/weld.tenet", "parameter federal_minimum_wage", r"1991-04-01", "$4.25", "$4.24"),
    ("colorado/weld.tenet", "table training_plan_cap_for", r"public_sector", "$1,500", "$1,501"),
    ("colorado/weld.tenet", "table training_plan_cap_for", r"private_sector", "$1,500", "$1,499"),
    ("colorado/weld.tenet", "table training_plan_cap_for", r"job_retention", "$1,800", "$1,801"),
    ("colorado/weld.tenet", "parameter retention_initial_bonus", r"= \$300", "$300", "$301"),
    ("colorado/weld.tenet", "parameter retention_additional_bonus", r"= \$300", "$300", "$299"),
    ("colorado/weld.tenet", "parameter retention_promotion_bonus", r"= \$500", "$500", "$501"),
    ("colorado/weld.tenet", "parameter retention_continuing_bonus", r"= \$500", "$500", "$499"),
    ("colorado/weld.tenet", "parameter retention_initial_months", r"= 3", "3", "4"),
    ("colorado/weld.tenet", "parameter retention_additional_months", r"= 3", "3", "2"),
    ("colorado/weld.tenet", "parameter retention_promotion_months", r"= 6", "6", "7"),
    # ---- state grant diversion ---------------------------------------------------------------------
    ("colorado/weld.tenet", "table diversion_item_cap", r"^  vision ", "$175", "$176"),
    ("colorado/weld.tenet", "table diversion_item_cap", r"^  tools ", "$200", "$201"),
    ("colorado/weld.tenet", "table diversion_item_cap", r"^  vehicle_repair ", "$300", "$299"),
    ("colorado/weld.tenet", "table diversion_item_cap", r"^  clothing ", "$150", "$151"),
    ("colorado/weld.tenet", "table diversion_item_cap", r"^  relocation ", "$800", "$801"),
    ("colorado/weld.tenet", "parameter diversion_payment_cap", r"= \$1,650", "$1,650", "$1,651"),
    ("colorado/weld.tenet", "parameter diversion_yearly_cap", r"from 1998-12-01", "$3,300", "$3,301"),
    ("colorado/weld.tenet", "parameter diversion_yearly_cap", r"from 1998-12-01", "$3,300", "$3,299"),
    ("colorado/weld.tenet", "parameter diversion_yearly_cap", r"before 1998-12-01", "$1,650", "$1,651"),
    ("colorado/weld.tenet", "parameter diversion_yearly_cap", r"from 1998-12-01", "1998-12-01", "1998-12-02"),
    ("colorado/weld.tenet", "parameter diversion_year", r"= 12 months", "12 months", "365 days"),
    ("colorado/weld.tenet", "parameter voucher_shortest_term", r"= 1 day", "1 day", "2 days"),
    ("colorado/weld.tenet", "parameter voucher_longest_term", r"= 1 month", "1 month", "30 days"),
    # ---- job retention -----------------------------------------------------------------------------
    ("colorado/weld.tenet", "parameter retention_poverty_percent", r"from 1998-07-01", "185%", "186%"),
    ("colorado/weld.tenet", "parameter retention_poverty_percent", r"from 1998-07-01", "1998-07-01", "1998-07-02"),
    ("colorado/weld.tenet", "parameter retention_window", r"= 12 months", "12 months", "11 months"),
    ("colorado/weld.tenet", "parameter retention_cap_basis", r"before 1998-07-01 +=", "not_offered", "any_twelve_months"),
    ("colorado/weld.tenet", "parameter retention_cap_basis", r"from 1998-12-01 +=", "1998-12-01", "1998-12-02"),
    ("colorado/weld.tenet", "parameter retention_cap", r"= \$1,650", "$1,650", "$1,651"),
    ("colorado/weld.tenet", "parameter retention_half", r"= 6 months", "6 months", "5 months"),
    # ---- supportive services -----------------------------------------------------------------------
    ("colorado/weld.tenet", "parameter transport_allowance_mile_rate", r"= \$0\.20", "$0.20", "$0.21"),
    ("colorado/weld.tenet", "parameter transport_allowance_day_rate", r"= \$2\.00", "$2.00", "$2.01"),
    ("colorado/weld.tenet", "parameter start_to_work_cap", r"= \$300", "$300", "$301"),
    ("colorado/weld.tenet", "parameter start_to_work_interval", r"= 12 months", "12 months", "13 months"),
    ("colorado/weld.tenet", "parameter supportive_expenditure_limit", r"from 1998-07-01", "$1,000", "$1,001"),
    ("colorado/weld.tenet", "parameter supportive_expenditure_limit", r"from 1998-07-01 +=", "1998-07-01", "1998-07-02"),
    ("colorado/weld.tenet", "parameter supportive_period_length", r"= 12 months", "12 months", "11 months"),
    # ---- sanction readings, protections ------------------------------------------------------------
    ("colorado/weld.tenet", "ladder month_based_sanction", r"level 1:", "1 month", "2 months"),
    ("colorado/weld.tenet", "ladder month_based_sanction", r"level 3:", "3 months", "4 months"),
    ("colorado/weld.tenet", "parameter protected_child_age", r"= 6", "6", "7"),
    # ---- absences and lateness ---------------------------------------------------------------------
    ("colorado/weld.tenet", "parameter first_phase_length", r"= 6 months", "6 months", "7 months"),
    ("colorado/weld.tenet", "parameter late_allowance_first_six_months", r"= 3", "3", "4"),
    ("colorado/weld.tenet", "parameter late_allowance_after", r"= 1", "1", "2"),
    ("colorado/weld.tenet", "parameter excused_allowance_first_six_months", r"= 3", "3", "2"),
    ("colorado/weld.tenet", "parameter excused_allowance_after", r"= 2", "2", "3"),
    ("colorado/weld.tenet", "parameter late_call_minutes", r"= 15", "15", "14"),
    ("colorado/weld.tenet", "parameter late_absent_minutes", r"= 60", "60", "61"),
    ("colorado/weld.tenet", "parameter sick_window", r"= 8 weeks", "8 weeks", "9 weeks"),
    ("colorado/weld.tenet", "parameter sick_days_allowed", r"= 2", "2", "3"),
    ("colorado/weld.tenet", "parameter serious_illness_extra_days", r"= 1", "1", "2"),
    ("colorado/weld.tenet", "parameter court_and_emergency_window", r"= 2 months", "2 months", "1 month"),
    ("colorado/weld.tenet", "parameter court_days_allowed", r"= 1", "1", "2"),
    ("colorado/weld.tenet", "parameter emergency_days_allowed", r"= 1", "1", "2"),
    ("colorado/weld.tenet", "parameter advance_notice_hours", r"= 48", "48", "49"),
    ("colorado/weld.tenet", "parameter court_notice_hours", r"= 168", "168", "167"),
    # ---- child care --------------------------------------------------------------------------------
    ("colorado/weld.tenet", "parameter child_care_poverty_percent", r"from 1997-07-01", "155%", "156%"),
    ("colorado/weld.tenet", "parameter child_care_poverty_percent", r"from 1997-07-01", "1997-07-01", "1997-07-02"),
    ("colorado/weld.tenet", "parameter child_care_rate_schedule", r"from 1998-01-01", "1998-01-01", "1998-01-02"),
    ("colorado/weld.tenet", "table provider_daily_rate", r"licensed_center \| regular, alternate +\| < 24", "$25.00", "$25.01"),
    ("colorado/weld.tenet", "table provider_daily_rate", r"licensed_center \| regular, alternate +\| < 24", "< 24", "< 23"),
    ("colorado/weld.tenet", "table provider_daily_rate", r"licensed_center \| regular, alternate +\| >= 24", "$19.00", "$18.50"),
    ("colorado/weld.tenet", "table provider_daily_rate", r"licensed_center \| regular, alternate +\| >= 24", ">= 24", ">= 25"),
    ("colorado/weld.tenet", "table provider_daily_rate", r"licensed_center \| before_after_school", "$10.45", "$10.46"),
    ("colorado/weld.tenet", "table provider_daily_rate", r"licensed_home +\| regular, alternate +\| < 24", "$16.50", "$16.51"),
    ("colorado/weld.tenet", "table provider_daily_rate", r"licensed_home +\| regular, alternate +\| < 24", "< 24", "< 23"),
    ("colorado/weld.tenet", "table provider_daily_rate", r"licensed_home +\| regular, alternate +\| >= 24", "$15.00", "$15.01"),
    ("colorado/weld.tenet", "table provider_daily_rate", r"licensed_home +\| before_after_school", "$8.25", "$8.26"),
    ("colorado/weld.tenet", "table provider_daily_rate", r"exempt +\| regular, alternate +\| < 24", "$8.75", "$8.74"),
    ("colorado/weld.tenet", "table provider_daily_rate", r"exempt +\| regular, alternate +\| < 24", "< 24", "< 23"),
    ("colorado/weld.tenet", "table provider_daily_rate", r"exempt +\| regular, alternate +\| >= 24", "$7.75", "$7.76"),
    ("colorado/weld.tenet", "table provider_daily_rate", r"exempt +\| before_after_school", "$4.26", "$4.25"),
    ("colorado/weld.tenet", "parameter child_care_registration_fee", r"from 1998-05-01", "$0.25", "$0.26"),
    ("colorado/weld.tenet", "parameter child_care_registration_fee", r"from 1998-05-01", "1998-05-01", "1998-05-02"),
    ("colorado/weld.tenet", "parameter child_care_activity_fee", r"from 1998-05-01", "$0.36", "$0.35"),
    ("colorado/weld.tenet", "parameter child_care_transportation_fee", r"from 1998-05-01", "$1.88", "$1.89"),
    ("colorado/weld.tenet", "parameter orientation_wait", r"= 3 days", "3 days", "2 days"),
    ("colorado/weld.tenet", "parameter certificate_wait", r"= 10 days", "10 days", "11 days"),
    ("colorado/weld.tenet", "parameter twenty_percent_margin", r"= 20%", "20%", "21%"),
    ("colorado/weld.tenet", "parameter twenty_percent_margin", r"= 20%", "20%", "19%"),
    ("colorado/weld.tenet", "parameter first_redetermination_waiver", r"from 1998-02-01", "1998-02-01", "1998-02-02"),
    ("colorado/weld.tenet", "parameter child_care_absence_rules_in_force", r"from 1998-03-01", "1998-03-01", "1998-03-02"),
    ("colorado/weld.tenet", "parameter paid_absence_days_allowed", r"= 3", "3", "4"),
    ("colorado/weld.tenet", "parameter slot_hold_days_allowed", r"= 30", "30", "31"),
    # ---- child support, housing, IRC, county -------------------------------------------------------
    ("colorado/weld.tenet", "parameter support_assignment_required", r"from 1997-07-01", "1997-07-01", "1997-07-02"),
    ("colorado/weld.tenet", "parameter support_opt_out_offered", r"from 1997-10-01", "1997-10-01", "1997-10-02"),
    ("colorado/weld.tenet", "parameter child_support_disregard_amount", r"before 1997-07-01 +=", "$50", "$51"),
    ("colorado/weld.tenet", "parameter section8_weekly_hours", r"= 20", "20", "21"),
    ("colorado/weld.tenet", "parameter section8_weekly_hours", r"= 20", "20", "19"),
    ("colorado/weld.tenet", "parameter section8_months_needed", r"= 9", "9", "8"),
    ("colorado/weld.tenet", "parameter section8_lookback", r"= 12 months", "12 months", "13 months"),
    ("colorado/weld.tenet", "parameter fss_goal_period", r"= 5 years", "5 years", "4 years"),
    ("colorado/weld.tenet", "parameter irc_refusal_stops_assistance", r"from 1998-12-01", "1998-12-01", "1998-12-02"),
    ("colorado/weld.tenet", "parameter lump_sum_fewest_months", r"= 2", "2", "1"),
    ("colorado/weld.tenet", "parameter lump_sum_most_months", r"= 6", "6", "7"),
    ("colorado/weld.tenet", "parameter mou_signed", r"1999-05-24", "1999-05-24", "1999-05-25"),
    ("colorado/weld.tenet", "parameter mou_term_end", r"1999-12-31", "1999-12-31", "1999-12-30"),
    ("colorado/weld.tenet", "parameter county_response_period", r"= 30 days", "30 days", "31 days"),
    ("colorado/weld.tenet", "parameter state_sanction_notice_period", r"= 30 days", "30 days", "29 days"),
    ("colorado/weld.tenet", "ladder proposed_sanction", r"level 1:", "25%", "26%"),
    ("colorado/weld.tenet", "ladder proposed_sanction", r"level 1:", "30 days", "31 days"),
    ("colorado/weld.tenet", "ladder proposed_sanction", r"level 2:", "50%", "51%"),
    ("colorado/weld.tenet", "ladder proposed_sanction", r"level 2:", "30 days", "29 days"),
    ("colorado/weld.tenet", "ladder proposed_sanction", r"level 3:", "100%", "99%"),
    ("colorado/weld.tenet", "ladder proposed_sanction", r"level 3:", "90 days", "89 days"),
    ("colorado/weld.tenet", "ladder proposed_sanction", r"carry highest", "carry highest", "carry none"),
    ("colorado/weld.tenet", "parameter governor_appeal_period", r"= 30 days", "30 days", "29 days"),
    ("colorado/weld.tenet", "parameter es_director", r"\$10,923", "$10,923.00", "$10,924.00"),
    ("colorado/weld.tenet", "parameter es_case_managers", r"\$127,031", "$127,031.00", "$127,030.00"),
    ("colorado/weld.tenet", "parameter es_overhead", r"\$50,252", "$50,252.00", "$50,253.00"),
    ("colorado/weld.tenet", "parameter employment_services_budget", r"from 1998-07-01", "1999-06-30", "1999-06-29"),
    ("colorado/weld.tenet", "parameter weld_births_unmarried_1997", r"= 716", "716", "717"),
    ("colorado/weld.tenet", "parameter weld_live_births_1997", r"= 2531", "2531", "2530"),
    ("colorado/weld.tenet", "parameter weld_induced_terminations_1997", r"= 326", "326", "327"),
    # ---- readings: comparisons, rounding, combinations --------------------------------------------
    ("colorado/works.tenet", "rule resources_over_limit_bar", r"countable_resources >", ">", ">="),
    ("colorado/works.tenet", "rule drug_felony_bar", r"> drug_felony_cutoff", ">", ">="),
    ("colorado/works.tenet", "rule alien_entry_bar", r"> alien_entry_cutoff", ">", ">="),
    ("colorado/works.tenet", "rule unmarried_minor", r"< minor_age", "<", "<="),
    ("colorado/works.tenet", "decision meets_required_hours", r">= required_weekly_hours", ">=", ">"),
    ("colorado/works.tenet", "function grant_after_sanction", r"round_down", "round_down", "round_half_up"),
    ("colorado/works.tenet", "function combined_sanction_percent", r"= max\($", "max(", "min("),
    ("colorado/works.tenet", "function job_refusal_in_force_on", r"day < r\.complied", "<", "<="),
    ("colorado/works.tenet", "function job_refusal_in_force_on", r"job_refusal_start\(r\) <= day", "<=", "<"),
    ("colorado/works.tenet", "rule dual_state_denied_until", r"and as_of < history", "<", "<="),
    ("colorado/works.tenet", "function fraud_period_last_day", r"fraud_second_offense_period", " - 1 day", ""),
    ("colorado/weld.tenet", "rule temporary_incapacity_exempt", r"within temporary_incapacity_limit", "after", "before"),
    ("colorado/weld.tenet", "decision county_participation_target", r"max\(0%", "max(0%, ", "min(100%, "),
    ("colorado/weld.tenet", "decision counts_as_participating", r"or work_exempt", " or ", " and "),
    ("colorado/weld.tenet", "decision work_activity_monthly_hours", r"= floor\(", "floor(", "ceil("),
    ("colorado/weld.tenet", "decision wsp_monthly_fee", r"else round_down\($", "round_down", "round_half_up"),
    ("colorado/weld.tenet", "decision diversion_approved", r"at most diversion_payment_cap", " unless request.director_exception", ""),
    ("colorado/weld.tenet", "decision diversion_waiver_months", r"ceil\(", "ceil(", "floor("),
    # Not `<` -> `<=` in retention_eligible: 185% of the 1999 guideline / 12 is never a whole cent
    # (the yearly guideline is never a multiple of 12), so no income in cents can tell them apart.
    ("colorado/weld.tenet", "decision transport_allowance", r"round_half_up", "round_half_up", "round_down"),
    ("colorado/weld.tenet", "function late_is_absence", r"minutes_late > late_absent_minutes", ">", ">="),
    ("colorado/weld.tenet", "decision minimum_grant_protected", r"< protected_child_age", "<", "<="),
    ("colorado/weld.tenet", "decision child_care_income_limit", r"round_half_up", "round_half_up", "round_down"),
    ("colorado/weld.tenet", "decision child_care_eligible", r"<= child_care_income_limit", "<=", "<"),
    ("colorado/weld.tenet", "decision twenty_percent_rule_met", r">= child_care_program", ">=", ">"),
    ("colorado/weld.tenet", "decision paid_absence_days", r"min\(child_care_program", "min(", "max("),
    ("colorado/weld.tenet", "decision child_support_opt_out_available", r"current_monthly_support >", ">", ">="),
    ("colorado/weld.tenet", "function section8_month_qualifies", r">= section8_weekly_hours", ">=", ">"),
    ("colorado/weld.tenet", "decision section8_preference", r">= section8_months_needed", ">=", ">"),
    ("colorado/weld.tenet", "function occurs_no_later", r"-1 <= y_time", "<=", "<"),
    ("colorado/weld.tenet", "function allowed_day", r"\) <= days_allowed_for", "<=", "<"),
    ("colorado/weld.tenet", "function allowed_first_pass", r"\) <= days_allowed_for", "<=", "<"),
    ("colorado/weld.tenet", "decision county_fiscal_sanction_notice_met", r">= county_fiscal", ">=", ">"),
    ("colorado/weld.tenet", "rule next_episode_start", r"e\.start > as_of", ">", ">="),
    ("colorado/weld.tenet", "decision sanction_notice_due", r"> 0%", "> 0%", ">= 0%"),
    ("colorado/weld.tenet", "decision fss_termination", r"cooperating_with_section8", "and not", "or not"),
    ("kentucky/kwp.tenet", "decision responsible_unit", r"as_of >= amendment_effective_date", ">=", ">",
     "kentucky/kwp_dated_test.tenet"),
    # ---- kwp.tenet ---------------------------------------------------------------------------------
    ("kentucky/kwp_dated_test.tenet", "parameter amendment_effective_date", r"= 1999-07-01", "1999-07-01",
     "1999-07-02"),
    ("kentucky/kwp.tenet", "table duty_unit", r"^  a_10 ", "regional_staff", "case_manager"),
    ("kentucky/kwp.tenet", "table duty_unit", r"^  b_2 ", "case_manager", "division_of_family_support"),
    ("kentucky/kwp.tenet", "table duty_unit", r"^  c_7 ", "division_of_family_support", "regional_staff"),
    ("kentucky/kwp.tenet", "table bracketed_duty", r"a_9, b_1_e, b_1_h", "a_9, b_1_e, b_1_h", "a_9, b_1_e, b_1_h, b_1_i"),
]

TOP_LEVEL = re.compile(r"^(?:override\s+)?(?:decision|rule|parameter|table|function|ladder|fact|facts|enum|"
                       r"record|case|test)\s+[A-Za-z_]")


def mutate(lines, decl, row, old, new):
    """Returns the lines with `old` replaced by `new` in the one line of `decl` matching `row`."""
    starts = [i for i, line in enumerate(lines) if re.match(r"(?:override\s+)?" + re.escape(decl) + r"\b", line)]
    if len(starts) != 1:
        raise LookupError(f"`{decl}` starts {len(starts)} lines, not one")
    first = starts[0]
    last = first + 1
    while last < len(lines) and not TOP_LEVEL.match(lines[last]) and not lines[last].startswith("#"):
        last += 1
    matches = [i for i in range(first, last) if re.search(row, lines[i])]
    if len(matches) != 1:
        raise LookupError(f"`{row}` matches {len(matches)} lines of `{decl}`, not one")
    line = lines[matches[0]]
    # only the code, not a trailing cite string, is mutated
    code = line.split(" cite ", 1)[0]
    if code.count(old) != 1:
        raise LookupError(f"`{old}` occurs {code.count(old)} times in the line `{line.strip()}`")
    mutated = list(lines)
    mutated[matches[0]] = code.replace(old, new) + line[len(code):]
    return mutated


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("tenet")
    ap.add_argument("root", type=pathlib.Path)
    ap.add_argument("--verbose", action="store_true", help="print the failing expectations of each mutation")
    ap.add_argument("--only", help="run the mutations whose description contains this text")
    args = ap.parse_args()

    failures = 0
    ran = 0
    with tempfile.TemporaryDirectory(prefix="tenet-mutate-") as tmp:
        copy = pathlib.Path(tmp) / "rulesets"
        shutil.copytree(args.root / "rulesets", copy)
        for rel, decl, row, old, new, *tested_by in MUTATIONS:
            label = f"{rel}: {decl}: {old} -> {new}"
            if args.only and args.only not in label:
                continue
            ran += 1
            original_path = args.root / "rulesets" / rel
            original = original_path.read_text(encoding="utf-8")
            try:
                mutated = mutate(original.split("\n"), decl, row, old, new)
            except LookupError as e:
                print(f"STALE    {label}: {e}")
                failures += 1
                continue
            target = copy / rel
            target.write_text("\n".join(mutated), encoding="utf-8")
            try:
                tests = copy / tested_by[0] if tested_by else target
                run = subprocess.run([args.tenet, "test", str(tests)], capture_output=True, text=True, timeout=120)
            finally:
                target.write_text(original, encoding="utf-8")
            failed = [line for line in run.stdout.splitlines() + run.stderr.splitlines() if ": error: test " in line]
            if run.returncode == 1:
                summary = run.stdout.strip().splitlines()[-1] if run.stdout.strip() else ""
                print(f"killed   {label} ({summary.split(': ', 1)[-1]})")
                if args.verbose:
                    for line in failed:
                        print(f"           {line.replace(str(copy), 'rulesets')}")
            elif run.returncode == 0:
                print(f"SURVIVED {label}: every test still passes")
                failures += 1
            else:
                print(f"BROKEN   {label}: tenet test exited {run.returncode}: {run.stderr.strip()[:300]}")
                failures += 1
    print(f"{ran} mutations, {ran - failures} killed, {failures} not")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
