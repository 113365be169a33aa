-- Least privilege for Arbiter on PostgreSQL: run once, as a database administrator, before the
-- first start (psql -v ON_ERROR_STOP=1 -d DATABASE -f postgres-roles.sql), then give both roles
-- passwords (ALTER ROLE ... PASSWORD ...). Rename the roles and the schema to taste.
--
--   arbiter_owner  owns the schema; Arbiter migrates with it (serve --db-migration-user arbiter_owner)
--   arbiter_app    the service's runtime user (serve --db-user arbiter_app): reads and writes the
--                  tables, but cannot create, alter, drop or truncate them
--
-- On PostgreSQL 14 and older, first take the public schema's CREATE right from everyone:
--   REVOKE CREATE ON SCHEMA public FROM PUBLIC;
CREATE ROLE arbiter_owner LOGIN;
CREATE ROLE arbiter_app LOGIN;
CREATE SCHEMA arbiter AUTHORIZATION arbiter_owner;
ALTER ROLE arbiter_owner SET search_path = arbiter;
ALTER ROLE arbiter_app SET search_path = arbiter;
GRANT USAGE ON SCHEMA arbiter TO arbiter_app;
-- Every table and identity sequence the migrations create from now on:
ALTER DEFAULT PRIVILEGES FOR ROLE arbiter_owner IN SCHEMA arbiter
  GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO arbiter_app;
ALTER DEFAULT PRIVILEGES FOR ROLE arbiter_owner IN SCHEMA arbiter
  GRANT USAGE, SELECT ON SEQUENCES TO arbiter_app;
