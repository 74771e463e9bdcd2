# collections_addon and collections_sale: the two commands of the README, and helpers.
.PHONY: run test provision lint unit bench

run:          ## provision, create the demo database on first run, serve Odoo on $$PORT (8069)
	bash scripts/run.sh

test:         ## provision, lint, install on fresh databases, run every test
	bash scripts/test.sh

provision:    ## PostgreSQL, Debian packages, Odoo source, .venv
	bash scripts/provision.sh

lint:
	.venv/bin/ruff check collections_addon collections_sale tests bench
	.venv/bin/pylint --rcfile=.pylintrc-mandatory collections_addon collections_sale

unit:         ## the pure tests of both lib/ folders, no database
	.venv/bin/pytest -c setup.cfg tests/unit -p no:odoo

bench:        ## benchmark against the SQL floor (SIZE=S or M)
	bash bench/run.sh
