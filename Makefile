# jixiao — two commands do everything: `make run` and `make test`.
# Everything else (the virtual environment, pinned packages) is built here on first use.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install system-deps run dev test lint bench corpus fuzz clean

install: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "需要 Python 3.11 或更高版本 (Python 3.11+ required)"; exit 1; }
	@$(PYTHON) -c 'import ensurepip' 2>/dev/null || \
		{ apt-get update -qq && apt-get install -y -qq python3-venv; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@# bytecode written once here: where PYTHONDONTWRITEBYTECODE is set, every process (each batch
	@# worker too) would otherwise compile the package from source at start (≈ 0.3 CPU-s)
	$(BIN)/python -m compileall -q jixiao >/dev/null
	@touch $(STAMP)

# The web application as a product on SQLite with the demo organisations, users and evaluations:
# gunicorn (DEBUG off, static files by WhiteNoise) beside a huey worker that reads uploads.
# `make dev` is the same with Django's development server and DEBUG on.
PORT ?= 8000
WORKER = $(BIN)/python manage.py run_huey --workers 2 --worker-type process --quiet

run: install
	$(BIN)/jixiao demo
	$(BIN)/python manage.py migrate --verbosity 0
	$(BIN)/python manage.py loaddemo
	@echo "jixiao 已启动：http://127.0.0.1:$(PORT) （gunicorn，DEBUG 关闭；Ctrl-C 结束；上传与批量复核由后台 huey 工作进程处理）"
	@$(WORKER) & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		$(BIN)/gunicorn jixiao.web.wsgi:application --bind 127.0.0.1:$(PORT) --workers 2 --threads 4 \
			--timeout 60 --access-logfile -

dev: install
	$(BIN)/python manage.py migrate --verbosity 0
	$(BIN)/python manage.py loaddemo
	@echo "开发服务器（DEBUG 开启）：http://127.0.0.1:$(PORT)"
	@JIXIAO_DEBUG=1 $(WORKER) & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		JIXIAO_DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Debian packages the tests need: LibreOffice headless opens every output and turns
# generated .docx into PDF; Noto CJK draws the Chinese of charts and PDFs; Pango and
# HarfBuzz-subset lay out and subset fonts for WeasyPrint; poppler-utils checks the PDFs.
CJK_FONT := /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
APT := DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends

system-deps:
	@command -v soffice >/dev/null 2>&1 || { \
		echo "安装 LibreOffice（测试用 PDF 转换）…"; \
		apt-get update -qq && $(APT) libreoffice-writer-nogui libreoffice-calc-nogui fonts-noto-cjk >/dev/null; }
	@test -e $(CJK_FONT) || { echo "安装中文字体 fonts-noto-cjk…"; apt-get update -qq && $(APT) fonts-noto-cjk >/dev/null; }
	@{ ldconfig -p | grep -q libharfbuzz-subset.so.0 && ldconfig -p | grep -q libpangoft2-1.0.so.0 \
		&& command -v pdftoppm >/dev/null; } || { \
		echo "安装 PDF 排版与检查所需的库（pango、harfbuzz-subset、poppler-utils）…"; \
		apt-get update -qq && $(APT) libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 poppler-utils >/dev/null; }
	@test -x /usr/bin/chromium || { echo "安装 chromium（浏览器测试）…"; apt-get update -qq && $(APT) chromium >/dev/null; }
	@command -v redis-server >/dev/null 2>&1 || { echo "安装 redis-server（任务队列测试）…"; \
		apt-get update -qq && $(APT) redis-server >/dev/null; }
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { \
		echo "安装 PostgreSQL（数据库测试）…"; apt-get update -qq && $(APT) postgresql >/dev/null; }

# The whole suite on SQLite, then the web model, permission and workflow tests again on a
# throwaway PostgreSQL cluster (started and removed by scripts/with_postgres.py).
WEB_DB_TESTS := tests/test_web_permissions.py tests/test_web_workflow.py tests/test_web_security.py tests/test_web_batch.py \
	tests/test_web_daily.py tests/test_web_history.py tests/test_web_imports.py tests/test_web_backup.py \
	tests/test_web_browser.py

test: install system-deps lint
	$(BIN)/python -m pytest -q --durations=20
	$(BIN)/python scripts/with_postgres.py -- $(BIN)/python -m pytest -q -p no:cacheprovider $(WEB_DB_TESTS)

lint: install
	$(BIN)/ruff check jixiao tests scripts
	$(BIN)/ruff format --check jixiao tests scripts
	$(BIN)/mypy
	$(BIN)/lint-imports

bench: install system-deps
	$(BIN)/python scripts/bench.py
	$(BIN)/python scripts/bench_review.py
	$(BIN)/python scripts/bench_ingest.py
	$(BIN)/python scripts/bench_render.py
	$(BIN)/python scripts/bench_cli.py
	$(BIN)/python scripts/bench_web.py
	$(BIN)/python scripts/with_postgres.py -- $(BIN)/python scripts/bench_web.py --count 200000 --no-batch
	$(BIN)/python scripts/bench_batch.py --count 10000
	$(BIN)/python scripts/with_postgres.py -- $(BIN)/python scripts/bench_batch.py --count 10000

# 2,000 hostile files (tests/hostile.py) through jixiao import and review, each command under a
# 1 GB memory and a time limit: tracebacks, hangs, peak memory, and every failure one Chinese line.
fuzz: install
	$(BIN)/python scripts/fuzz.py --count 2000

corpus: install
	$(BIN)/python scripts/corpus.py --min 0.995 --max-wrong 0.01
	$(BIN)/python scripts/corpus.py --corpus ../shared/corpus2 --min 0.97 --max-wrong 0.01
	$(BIN)/python scripts/review_recall.py --min-truth 0.95 --strict
	$(BIN)/python scripts/review_inject.py --min 0.95 --strict
	$(BIN)/python scripts/families.py --per-cell 12 --held-out-per-cell 6 --jobs 2  # every truth: no --per-cell (≈ 1 h)

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache .hypothesis
