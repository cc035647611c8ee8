-- 0003_area_geometry: what the area import (lokal/areas.py) and the population import
-- (lokal/population.py) store beside an area's boundary and head count.
-- DuckDB cannot add a column with a constraint, so the import validates these values
-- (non-negative, parts not above the whole) before it writes them.

-- Area in km² (computed in an equal-area projection, ETRS89-LAEA) and a simplified boundary
-- for drawing; the map draws coalesce(boundary_simplified, boundary_geojson).
ALTER TABLE areas ADD COLUMN area_km2 DOUBLE;
ALTER TABLE areas ADD COLUMN boundary_simplified VARCHAR;

-- Adults and adults aged 40–60 by sex (NULL = not imported).
ALTER TABLE areas ADD COLUMN adults_men INTEGER;
ALTER TABLE areas ADD COLUMN adults_women INTEGER;
ALTER TABLE areas ADD COLUMN adults_40_60_men INTEGER;
ALTER TABLE areas ADD COLUMN adults_40_60_women INTEGER;
