-- Reports by sub-ID, country, device and referrer (GET /api/reports) read rollups kept on write in
-- the (day, link) counter row they already write: `dims` maps each dimension to its values and
-- each value to its measures (src/domain/report-dims.ts), so a click still writes one counter row
-- per link and day per batch. A conversion counts on its click's day, link and values, which it
-- keeps in `report_keys` (JSON) so that a status update changes the same counts without reading
-- the click. Expand only: the previous Worker never reads or writes either column; what it counts
-- while it still runs is in the counters but not in the rollups (README, "Reports").
ALTER TABLE daily_link_counts ADD COLUMN dims TEXT;
ALTER TABLE conversions ADD COLUMN report_keys TEXT;
