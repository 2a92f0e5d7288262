// The same question on the export written with --reify, where actions are nodes, and
// with the commodity's narrower headings: a measure naming potassium chloride, which is
// part of potash, counts for potash.
MATCH (x:Node)-[:ACTS]->(m:Action)-[:TARGETS]->(t:Node),
      (m)-[:CONCERNS]->(:Commodity)-[:PART_OF*0..]->(:Commodity {id: $commodity})
WHERE m.effect IN ['restrictive', 'easing', 'lifting']
  AND m.date_end <= $day
  AND (m.until_start IS NULL OR m.until_start >= $day)
WITH DISTINCT x, t, m
ORDER BY m.date_start DESC,
  CASE m.effect WHEN 'restrictive' THEN 0 WHEN 'easing' THEN 1 ELSE 2 END DESC
WITH x, t, collect(m)[0] AS latest
WHERE latest.effect = 'restrictive'
RETURN DISTINCT x.id AS actor
ORDER BY actor
