// Who restricts $commodity on $day by a measure of its own that names it: of each actor's
// measures on a target naming the commodity and in force on $day, the latest (on one day,
// a relief after the restriction) is restrictive.
MATCH (x:Node)-[m]->(t:Node)
WHERE m.effect IN ['restrictive', 'easing', 'lifting']
  AND $commodity IN split(coalesce(m.concerns, ''), ';')
  AND m.date_end <= $day
  AND (m.until_start IS NULL OR m.until_start >= $day)
WITH x, t, m
ORDER BY m.date_start DESC,
  CASE m.effect WHEN 'restrictive' THEN 0 WHEN 'easing' THEN 1 ELSE 2 END DESC
WITH x, t, collect(m)[0] AS latest
WHERE latest.effect = 'restrictive'
RETURN DISTINCT x.id AS actor
ORDER BY actor
