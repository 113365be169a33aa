// The reviewer page. Everything it shows comes from the API with the reviewer's token in an
// Authorization header (never a cookie, so no other site can make the browser send it). Data is
// put on the page only as text (textContent, form values), never parsed as HTML, and no script or
// style is inline, so the page runs under the server's strict Content-Security-Policy.
'use strict';

(function () {
  const TOKEN_KEY = 'arbiter.reviewerToken';
  const PAGE_SIZE = 20;
  const $ = (id) => document.getElementById(id);

  const state = {
    // Kept for the browser tab only: closing it signs the reviewer out.
    token: sessionStorage.getItem(TOKEN_KEY),
    page: 1,
    total: 0,
    filters: {},
    entries: [],
    selected: 0,
    claim: null,
  };

  // ---- talking to the API ----

  class ApiError extends Error {
    constructor(status, problem) {
      const fields = (problem && problem.errors || []).map((e) => (e.field ? e.field + ': ' : '') + e.detail);
      super([problem && problem.detail || ('HTTP ' + status)].concat(fields).join(' — '));
      this.status = status;
    }
  }

  async function api(path, options) {
    const init = Object.assign({ headers: {} }, options || {});
    init.headers.Authorization = 'Bearer ' + state.token;
    init.headers.Accept = 'application/json, application/problem+json';
    if (init.body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
    }
    const response = await fetch(path, init);
    const type = response.headers.get('Content-Type') || '';
    const body = type.includes('json') ? await response.json() : null;
    if (response.status === 401) {
      signOut(body && body.detail || 'The reviewer token was refused.');
      throw new ApiError(401, body);
    }
    if (!response.ok) {
      throw new ApiError(response.status, body);
    }
    return body;
  }

  // ---- small DOM helpers: text only ----

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined && text !== null) {
      node.textContent = String(text);
    }
    return node;
  }

  function cell(row, content, className) {
    const td = el('td', className);
    if (content instanceof Node) {
      td.appendChild(content);
    } else if (content !== undefined && content !== null) {
      td.textContent = String(content);
    }
    row.appendChild(td);
    return td;
  }

  function amount(value) {
    return value === undefined || value === null ? '—' : Number(value).toFixed(2);
  }

  function quantity(value) {
    return value === undefined || value === null ? '—' : String(Number(value));
  }

  function riskBar(score, band) {
    const wrap = el('div', 'risk');
    const bar = el('div', 'bar');
    const fill = el('div', 'fill ' + (band || ''));
    // A CSSOM property, not a style attribute: allowed under style-src 'self'.
    fill.style.width = (score === undefined || score === null ? 0 : Math.round(score * 100)) + '%';
    bar.appendChild(fill);
    bar.setAttribute('aria-hidden', 'true');
    wrap.appendChild(bar);
    wrap.appendChild(el('span', 'score', score === undefined || score === null ? '—' : score.toFixed(2)));
    return wrap;
  }

  function bandBadge(band) {
    return el('span', 'band ' + band, band);
  }

  function reasonList(reasons) {
    const list = el('ul', 'reasons');
    (reasons || []).forEach((r) => list.appendChild(el('li', null, r)));
    return list;
  }

  function show(view) {
    ['signin-view', 'queue-view', 'claim-view', 'batch-view'].forEach((id) => { $(id).hidden = id !== view; });
    $('signout').hidden = view === 'signin-view';
  }

  // ---- sign in and out ----

  function signOut(message) {
    state.token = null;
    sessionStorage.removeItem(TOKEN_KEY);
    $('token').value = '';
    $('signin-error').textContent = message || '';
    show('signin-view');
    $('token').focus();
  }

  $('signin-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const token = $('token').value.trim();
    if (!token) {
      return;
    }
    state.token = token;
    sessionStorage.setItem(TOKEN_KEY, token);
    $('signin-error').textContent = '';
    openQueue(1, true);
  });

  $('signout').addEventListener('click', () => signOut(''));

  // ---- the queue ----

  async function openQueue(page, focusRow) {
    show('queue-view');
    $('queue-status').textContent = 'Loading…';
    const query = new URLSearchParams({ page: String(page), size: String(PAGE_SIZE) });
    Object.entries(state.filters).forEach(([name, value]) => { if (value) { query.set(name, value); } });
    let answer;
    try {
      answer = await api('/v1/review-queue?' + query.toString());
    } catch (e) {
      if (e.status !== 401) {
        $('queue-status').textContent = 'The queue cannot be shown: ' + e.message;
      }
      return;
    }
    state.page = answer.page;
    state.total = answer.total;
    state.entries = answer.claims;
    state.selected = Math.min(state.selected, Math.max(0, state.entries.length - 1));
    renderQueue();
    if (focusRow) {
      focusSelected();
    }
  }

  function renderQueue() {
    const body = $('queue-rows');
    body.replaceChildren();
    state.entries.forEach((entry, i) => {
      const row = el('tr');
      row.dataset.code = entry.code;
      row.tabIndex = i === state.selected ? 0 : -1;
      row.className = i === state.selected ? 'selected' : '';
      row.setAttribute('aria-selected', String(i === state.selected));
      cell(row, amount(entry.valueAtStake), 'num stake');
      cell(row, riskBar(entry.score, entry.band));
      cell(row, bandBadge(entry.band));
      cell(row, entry.code);
      cell(row, entry.chfId);
      cell(row, entry.healthFacility);
      cell(row, entry.dateClaimed);
      cell(row, amount(entry.claimed), 'num');
      cell(row, reasonList(entry.reasons));
      row.addEventListener('click', () => { select(i); openClaim(entry.code); });
      body.appendChild(row);
    });
    const first = state.total === 0 ? 0 : (state.page - 1) * PAGE_SIZE + 1;
    const last = (state.page - 1) * PAGE_SIZE + state.entries.length;
    $('queue-status').textContent = state.total === 0 ? 'No claim awaits review.'
      : state.total + (state.total === 1 ? ' claim awaits' : ' claims await') + ' review.';
    $('page-info').textContent = state.total === 0 ? '' : first + '–' + last + ' of ' + state.total;
    $('prev').disabled = state.page <= 1;
    $('next').disabled = last >= state.total;
  }

  function select(i) {
    const rows = $('queue-rows').children;
    if (i < 0 || i >= rows.length) {
      return;
    }
    state.selected = i;
    Array.from(rows).forEach((row, j) => {
      row.tabIndex = j === i ? 0 : -1;
      row.className = j === i ? 'selected' : '';
      row.setAttribute('aria-selected', String(j === i));
    });
  }

  function focusSelected() {
    const row = $('queue-rows').children[state.selected];
    if (row) {
      row.focus();
    } else {
      $('f-facility').focus();
    }
  }

  $('queue-rows').addEventListener('keydown', (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey) {
      return;
    }
    if (event.key === 'j' || event.key === 'ArrowDown') {
      select(state.selected + 1);
      focusSelected();
      event.preventDefault();
    } else if (event.key === 'k' || event.key === 'ArrowUp') {
      select(state.selected - 1);
      focusSelected();
      event.preventDefault();
    } else if (event.key === 'Enter') {
      const entry = state.entries[state.selected];
      if (entry) {
        openClaim(entry.code);
      }
      event.preventDefault();
    }
  });

  $('filters').addEventListener('submit', (event) => {
    event.preventDefault();
    state.filters = {
      healthFacility: $('f-facility').value.trim(),
      from: $('f-from').value,
      to: $('f-to').value,
      band: $('f-band').value,
      batch: $('f-batch').value.trim(),
    };
    state.selected = 0;
    openQueue(1, false);
  });

  $('prev').addEventListener('click', () => { state.selected = 0; openQueue(state.page - 1, true); });
  $('next').addEventListener('click', () => { state.selected = 0; openQueue(state.page + 1, true); });

  // ---- one claim ----

  async function openClaim(code) {
    $('claim-message').textContent = '';
    $('claim-message').className = '';
    let decision;
    try {
      decision = await api('/v1/claims/' + encodeURIComponent(code));
    } catch (e) {
      if (e.status !== 401) {
        $('queue-status').textContent = 'Claim ' + code + ' cannot be shown: ' + e.message;
      }
      return;
    }
    state.claim = decision;
    renderClaim(decision);
    show('claim-view');
    const first = document.querySelector('#line-rows select:not([disabled])');
    (first || $('back')).focus();
  }

  const STATUS = { 1: 'rejected', 2: 'entered', 4: 'checked', 8: 'processed', 16: 'valuated' };
  const REVIEW = { 1: 'idle', 2: 'not selected', 4: 'selected', 8: 'delivered', 16: 'bypassed' };

  function renderClaim(d) {
    $('claim-title').textContent = 'Claim ' + d.code;
    const summary = $('claim-summary');
    summary.replaceChildren();
    const risk = d.risk || {};
    [
      ['Insuree', d.chfId], ['Facility', d.healthFacility],
      ['Status', d.status + ' ' + (STATUS[d.status] || '')], ['Review', d.reviewStatus + ' ' + (REVIEW[d.reviewStatus] || '')],
      ['Claimed', amount(d.claimed)], ['Approved', amount(d.approved)],
      ['Value at stake', amount(risk.valueAtStake)],
      ['Risk band', risk.band || 'unscored'], ['Risk score', risk.score === undefined ? '—' : risk.score.toFixed(2)],
      ['Model', d.modelVersion || '—'], ['Category', d.category || '—'],
    ].forEach(([name, value]) => {
      summary.appendChild(el('dt', null, name));
      summary.appendChild(el('dd', null, value));
    });
    const body = $('line-rows');
    body.replaceChildren();
    const editable = d.status === 4;
    (d.items || []).forEach((line) => body.appendChild(lineRow('items', 'Item', line.itemCode, line, editable)));
    (d.services || []).forEach((line) => body.appendChild(lineRow('services', 'Service', line.serviceCode, line, editable)));
    $('deliver').disabled = !editable;
  }

  function lineRow(kind, word, code, line, editable) {
    const key = kind + '-' + line.lineNo;
    const row = el('tr');
    row.dataset.line = key;
    const name = el('div');
    name.appendChild(el('strong', null, code));
    name.appendChild(el('div', 'explanation', word + ' ' + line.lineNo));
    cell(row, name);
    cell(row, quantity(line.qtyProvided) + (line.qtyApproved !== undefined && Number(line.qtyApproved) !== Number(line.qtyProvided)
      ? ' (approved ' + quantity(line.qtyApproved) + ')' : ''), 'num');
    cell(row, amount(line.priceAsked) + (line.priceApproved !== undefined ? ' (approved ' + amount(line.priceApproved) + ')' : ''), 'num');

    const rules = el('div');
    const passed = line.status === 1;
    rules.appendChild(el('span', 'outcome ' + (passed ? 'passed' : 'rejected'),
      passed ? 'passed' : 'rejected (' + line.rejectionReason + ')'));
    if (line.rule) {
      rules.appendChild(el('div', 'rule', line.rule));
    }
    if (line.explanation) {
      rules.appendChild(el('div', 'explanation', line.explanation));
    }
    if (line.justification) {
      rules.appendChild(el('div', 'explanation', 'Reviewer: ' + line.justification));
    }
    cell(row, rules);

    const model = el('div');
    if (line.risk) {
      model.appendChild(riskBar(line.risk.probability, line.risk.probability >= 0.5 ? 'review' : 'pass'));
      model.appendChild(reasonList(line.risk.reasons));
    } else {
      model.textContent = '—';
    }
    cell(row, model);

    const decision = el('div', 'decision');
    const action = el('select', 'action');
    action.id = 'action-' + key;
    action.setAttribute('aria-label', 'Decision on ' + word.toLowerCase() + ' ' + line.lineNo + ' ' + code);
    const choices = passed ? [['approve', 'Approve'], ['adjust', 'Adjust quantity or price'], ['reject', 'Reject']]
      : [['keep', 'Rejected by the rules']];
    choices.forEach(([value, label]) => { const o = el('option', null, label); o.value = value; action.appendChild(o); });
    action.disabled = !editable || !passed;
    decision.appendChild(action);

    const adjust = el('div', 'adjust');
    adjust.hidden = true;
    const qty = numberInput('qty-' + key, 'Quantity approved, ' + word.toLowerCase() + ' ' + line.lineNo,
      line.qtyApproved !== undefined ? line.qtyApproved : line.qtyProvided);
    const price = numberInput('price-' + key, 'Unit price approved, ' + word.toLowerCase() + ' ' + line.lineNo,
      line.priceApproved !== undefined ? line.priceApproved : (line.priceAdjusted !== undefined ? line.priceAdjusted : line.priceAsked));
    adjust.appendChild(labelled('Qty', qty));
    adjust.appendChild(labelled('Price', price));
    decision.appendChild(adjust);

    const justification = el('input', 'justification');
    justification.type = 'text';
    justification.id = 'justification-' + key;
    justification.placeholder = 'Justification';
    justification.setAttribute('aria-label', 'Justification, ' + word.toLowerCase() + ' ' + line.lineNo);
    justification.disabled = !editable || !passed;
    decision.appendChild(justification);

    action.addEventListener('change', () => { adjust.hidden = action.value !== 'adjust'; });
    cell(row, decision);
    row.review = { kind, lineNo: line.lineNo, action, qty, price, justification, passed };
    return row;
  }

  function numberInput(id, label, value) {
    const input = el('input');
    input.type = 'number';
    input.min = '0';
    input.step = 'any';
    input.id = id;
    input.setAttribute('aria-label', label);
    input.value = value === undefined || value === null ? '' : String(value);
    return input;
  }

  function labelled(text, input) {
    const label = el('label', null, text + ' ');
    label.appendChild(input);
    return label;
  }

  /** The review the form describes, or the first problem with it. */
  function collectReview() {
    const review = { items: [], services: [] };
    for (const row of $('line-rows').children) {
      const r = row.review;
      if (!r || !r.passed) {
        continue;
      }
      const justification = r.justification.value.trim();
      const line = { lineNo: r.lineNo };
      if (r.action.value === 'approve') {
        line.status = 1;
      } else if (r.action.value === 'reject') {
        line.status = 2;
      } else {
        line.status = 1;
        const qty = Number(r.qty.value);
        const price = Number(r.price.value);
        if (r.qty.value === '' || r.price.value === '' || !(qty >= 0) || !(price >= 0)) {
          return { problem: 'Line ' + r.lineNo + ': the quantity and price must be numbers, 0 or more.', focus: r.qty };
        }
        line.qtyApproved = qty;
        line.priceApproved = price;
      }
      if (r.action.value !== 'approve' && !justification) {
        return { problem: 'Line ' + r.lineNo + ': adjusting or rejecting needs a justification.', focus: r.justification };
      }
      if (justification) {
        line.justification = justification;
      }
      review[r.kind].push(line);
    }
    return { review };
  }

  $('deliver').addEventListener('click', async () => {
    const message = $('claim-message');
    const collected = collectReview();
    if (collected.problem) {
      message.className = 'error';
      message.textContent = collected.problem;
      collected.focus.focus();
      return;
    }
    $('deliver').disabled = true;
    try {
      const decision = await api('/v1/claims/' + encodeURIComponent(state.claim.code) + '/review',
        { method: 'POST', body: JSON.stringify(collected.review) });
      state.claim = decision;
      renderClaim(decision);
      message.className = 'ok';
      message.textContent = 'Review delivered: claim ' + decision.code + ' now approves ' + amount(decision.approved)
        + ' of ' + amount(decision.claimed) + '.';
      $('back').focus();
    } catch (e) {
      $('deliver').disabled = false;
      if (e.status !== 401) {
        message.className = 'error';
        message.textContent = 'The review was not delivered: ' + e.message;
      }
    }
  });

  function backToQueue() {
    state.claim = null;
    openQueue(state.page, true);
  }

  $('back').addEventListener('click', backToQueue);

  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && (!$('claim-view').hidden || !$('batch-view').hidden)) {
      event.preventDefault();
      backToQueue();
    }
  });

  // ---- sampling batches ----

  async function openBatches() {
    show('batch-view');
    $('batch-status').textContent = 'Loading…';
    let batches;
    try {
      batches = await api('/v1/sampling-batches');
    } catch (e) {
      if (e.status !== 401) {
        $('batch-status').textContent = 'The batches cannot be listed: ' + e.message;
      }
      return;
    }
    const list = $('batch-list');
    list.replaceChildren();
    batches.forEach((b) => {
      const item = el('li');
      const button = el('button', null, b.id + ' · drawn ' + b.createdAt + ' · ' + b.claims
        + (b.claims === 1 ? ' claim' : ' claims'));
      button.type = 'button';
      button.dataset.batch = b.id;
      button.addEventListener('click', () => openBatch(b.id));
      item.appendChild(button);
      list.appendChild(item);
    });
    $('batch-status').textContent = batches.length === 0 ? 'No sampling batch has been drawn.'
      : batches.length + (batches.length === 1 ? ' batch' : ' batches') + ', newest first.';
    const first = list.querySelector('button');
    (first || $('batch-id')).focus();
  }

  async function openBatch(id) {
    $('batch-status').textContent = 'Loading batch ' + id + '…';
    let claims;
    let report;
    try {
      [claims, report] = await Promise.all([
        api('/v1/sampling-batches/' + encodeURIComponent(id) + '/claims'),
        api('/v1/sampling-batches/' + encodeURIComponent(id) + '/report'),
      ]);
    } catch (e) {
      if (e.status !== 401) {
        $('batch-status').textContent = 'Batch ' + id + ' cannot be shown: ' + e.message;
      }
      return;
    }
    $('batch-status').textContent = '';
    $('batch-id').value = id;
    renderBatch(id, claims, report);
    $('batch-detail').hidden = false;
    $('batch-title').focus();
  }

  function estimate(e) {
    if (!e) {
      return 'not estimable yet (a stratum has no delivered review)';
    }
    return amount(e.total) + (e.low === undefined || e.low === null
      ? ' (no interval: a stratum has a single delivered review)'
      : ' (95 % interval ' + amount(e.low) + ' – ' + amount(e.high) + ')');
  }

  function ratio(value) {
    return value === undefined || value === null ? '—' : (value * 100).toFixed(1) + ' %';
  }

  function renderBatch(id, claims, report) {
    $('batch-title').textContent = 'Batch ' + id;
    $('batch-title').tabIndex = -1;
    const link = $('batch-queue-link');
    link.href = '#batch=' + encodeURIComponent(id);
    link.dataset.batch = id;
    const model = report.model || {};
    const rows = [
      ['Claims', report.claims + ' (' + report.sampled + ' drawn)'],
      ['Reviews delivered', report.delivered + ' of ' + report.sampled + (report.complete ? '' : ' (incomplete: the estimates take the delivered reviews as the sample)')],
      ['Adjusted total, whole batch', estimate(report.batchTotal)],
      ['Adjusted total, unreviewed part', estimate(report.unreviewedTotal)],
      ['Leakage in the unreviewed part', estimate(report.leakage)],
      ['Model precision (weighted)', ratio(model.precision)],
      ['Model recall (weighted)', ratio(model.recall)],
      ['Precision over flagged claims only (naive)', ratio(model.flaggedOnlyPrecision)],
    ];
    const dl = $('batch-report');
    dl.replaceChildren();
    rows.forEach(([name, value]) => {
      dl.appendChild(el('dt', null, name));
      dl.appendChild(el('dd', null, value));
    });
    const body = $('batch-claim-rows');
    body.replaceChildren();
    claims.forEach((c) => {
      const row = el('tr');
      row.dataset.code = c.code;
      cell(row, c.code);
      cell(row, c.stratum);
      cell(row, c.sampled ? 'drawn' : 'skipped');
      cell(row, Number(c.inclusionProbability).toFixed(3), 'num');
      cell(row, c.reviewed ? 'delivered' : c.reviewStatus + ' ' + (REVIEW[c.reviewStatus] || ''));
      body.appendChild(row);
    });
  }

  /** The queue of one batch's claims; the filter shows in the form so the reviewer can clear it. */
  function queueOfBatch(id) {
    $('f-facility').value = '';
    $('f-from').value = '';
    $('f-to').value = '';
    $('f-band').value = '';
    $('f-batch').value = id;
    state.filters = { batch: id };
    state.selected = 0;
    openQueue(1, true);
  }

  $('open-batches').addEventListener('click', openBatches);
  $('batch-back').addEventListener('click', backToQueue);
  $('batch-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const id = $('batch-id').value.trim();
    if (id) {
      openBatch(id);
    }
  });
  $('batch-queue-link').addEventListener('click', (event) => {
    event.preventDefault();
    queueOfBatch(event.currentTarget.dataset.batch);
  });

  // ---- start ----

  // A batch's queue link (#batch=ID) opened in a tab of its own starts on that batch's queue.
  const linked = /^#batch=(.+)$/.exec(location.hash);
  if (state.token && linked) {
    queueOfBatch(decodeURIComponent(linked[1]));
  } else if (state.token) {
    openQueue(1, true);
  } else {
    show('signin-view');
    $('token').focus();
  }
})();
