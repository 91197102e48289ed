-- An answer's own headers (Content-Type, and Retry-After on a 429), kept with its status and body so that a replay
-- writes exactly what the first answer wrote. One "Name: value" per line (a header holds no line break). Rows
-- answered before this column existed have none: their replay carries the JSON Content-Type alone, as it always did.
alter table idempotency_key add column headers text;
