#!/usr/bin/env python3
# Checks the demo service catalogue in data/demo/: 108 services in the
# three sectors, each complete in Arabic and English, with well-formed
# fees, durations and channels, and related services that exist; each
# sector names every category its services use, in both languages, once.
# Usage: check-catalogue.py SOURCE_ROOT
import json
import re
import sys
from pathlib import Path

ARABIC = re.compile('[\u0621-\u064A]')
SECTORS = {'services-municipalities.json': ('municipalities', 'MUN'),
           'services-urban-planning.json': ('urban-planning', 'UPL'),
           'services-agriculture-marine.json': ('agriculture-marine', 'AGR')}
CHANNELS = {'online', 'counter', 'phone', 'tawasul', 'mobile_app'}
problems = []


def bilingual(value, where):
    if not isinstance(value, dict) or set(value) != {'ar', 'en'}:
        problems.append(f'{where}: expected {{"ar", "en"}}')
        return
    if not ARABIC.search(value['ar']):
        problems.append(f'{where}: the Arabic text has no Arabic letters')
    if ARABIC.search(value['en']) or not value['en'].strip():
        problems.append(f'{where}: the English text is empty or has Arabic letters')


root = Path(sys.argv[1]) / 'data' / 'demo'
codes, names = set(), set()
services = []
category_codes = set()
for file, (sector, prefix) in SECTORS.items():
    data = json.loads((root / file).read_text(encoding='utf-8'))
    if data.get('sector') != sector:
        problems.append(f'{file}: sector is not {sector}')
    for i, s in enumerate(data['services'], 1):
        code = s.get('code')
        if code != f'{prefix}-{i:03d}':
            problems.append(f'{file}: service {i} has code {code}')
        services.append(s)
        codes.add(code)
    named, titles = set(), {'ar': set(), 'en': set()}
    for j, c in enumerate(data.get('categories') or []):
        where = f'{file}: categories[{j}]'
        if not isinstance(c, dict) or set(c) != {'code', 'name'} or not isinstance(c['code'], str) or not c['code']:
            problems.append(f'{where}: expected {{"code", "name"}}')
            continue
        if c['code'] in named or c['code'] in category_codes:
            problems.append(f'{where}: {c["code"]} is named twice')
        named.add(c['code'])
        bilingual(c['name'], f'{where}.name')
        for language in ('ar', 'en'):
            title = c['name'].get(language, '') if isinstance(c['name'], dict) else ''
            if isinstance(title, str) and title.strip() and title.strip() in titles[language]:
                problems.append(f'{where}: the {language} name {title} is used twice in the sector')
            titles[language].add(title.strip() if isinstance(title, str) else title)
    category_codes |= named
    for s in data['services']:
        if s.get('category') not in named:
            problems.append(f'{file}: {s.get("code")} has the category {s.get("category")}, which has no name')
    for unused in sorted(named - {s.get('category') for s in data['services']}):
        problems.append(f'{file}: the category {unused} has no service')

for s in services:
    c = s['code']
    for key in ('name', 'directorate', 'description', 'eligibility'):
        bilingual(s.get(key), f'{c}.{key}')
    for key in ('documents', 'steps'):
        if not s.get(key):
            problems.append(f'{c}.{key}: empty')
        for j, item in enumerate(s.get(key, [])):
            bilingual(item, f'{c}.{key}[{j}]')
    for j, fee in enumerate(s['fees']):
        if not re.fullmatch(r'\d+\.\d{3}', fee.get('amount_bhd', '')):
            problems.append(f'{c}.fees[{j}]: amounts are BHD with three decimals')
        bilingual(fee.get('label'), f'{c}.fees[{j}].label')
    d = s.get('duration', {})
    if d.get('unit') not in ('working_hours', 'working_days') or not isinstance(d.get('value'), int) or d['value'] < 1:
        problems.append(f'{c}.duration: a positive integer of working_hours or working_days')
    if not s.get('channels') or not set(s['channels']) <= CHANNELS:
        problems.append(f'{c}.channels: {s.get("channels")}')
    if ('e_service_url' in s) != bool(s.get('e_service')):
        problems.append(f'{c}: an e-service has a URL, and only an e-service')
    if not s['keywords']['ar'] or not s['keywords']['en']:
        problems.append(f'{c}.keywords: empty')
    for r in s['related']:
        if r == c or r not in codes:
            problems.append(f'{c}.related: {r}')
    if s['name']['en'] in names:
        problems.append(f'{c}: the name {s["name"]["en"]} is used twice')
    names.add(s['name']['en'])

if len(services) != 108:
    problems.append(f'{len(services)} services, not 108')

for p in problems:
    print(p)
print(f'{len(services)} services checked, {len(problems)} problems')
sys.exit(1 if problems else 0)
