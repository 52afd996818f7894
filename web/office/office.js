// The office page's script: reads the office's JSON under ./api/ (same origin, the browser's
// sign-in), fills the filters, the list and the charts, and runs batch prints. Every text goes in
// as textContent, never as HTML. Charts: Chart.js, served by the product (/office-assets/).
'use strict';
(() => {
  const $ = (id) => document.getElementById(id);
  const form = $('filters');
  const view = { page: 1, pageSize: 20, pages: 1, filters: { scope: 'waiting' } };
  const charts = [];

  /** The error of a failed request in Chinese, with the API's message. */
  class RequestError extends Error {
    constructor(status, body) {
      const detail = body && Array.isArray(body.errors) ? body.errors.map((e) => `${e.field}：${e.message}`).join('；') : '';
      super(`请求失败（${status}）${detail ? `：${detail}` : ''}`);
      this.status = status;
      this.body = body;
    }
  }

  async function api(path, init = {}) {
    const headers = { accept: 'application/json' };
    if (init.body) headers['content-type'] = 'application/json';
    const res = await fetch(`api/${path}`, { credentials: 'same-origin', ...init, headers });
    const body = await res.json().catch(() => null);
    if (!res.ok) throw new RequestError(res.status, body);
    return body;
  }

  function showError(error) {
    const box = $('error');
    box.textContent = error instanceof Error ? error.message : String(error);
    box.hidden = false;
  }

  const el = (tag, text, className) => {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  };

  function fillSelect(name, options) {
    const select = form.elements.namedItem(name);
    for (const o of options) {
      const option = el('option', o.label);
      option.value = o.value;
      select.append(option);
    }
  }

  /** The filters as query parameters (empty ones left out), with `extra`. */
  function query(extra = {}) {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...view.filters, ...extra })) if (v !== '' && v !== undefined && v !== null) params.set(k, String(v));
    return params.toString();
  }

  function readFilters() {
    const data = new FormData(form);
    view.filters = {};
    for (const [k, v] of data.entries()) if (String(v).trim() !== '') view.filters[k] = String(v).trim();
  }

  /** The one row of an empty table: what it would list, across its columns. */
  function emptyRow(text, columns) {
    const td = el('td', text, 'muted');
    td.colSpan = columns;
    const tr = el('tr');
    tr.append(td);
    return tr;
  }

  function row(a) {
    const tr = el('tr');
    if (a.overdue) tr.className = 'overdue';
    const deadline = el('td', a.deadlineText || '—');
    if (a.overdue) deadline.append(el('span', '已超期', 'badge'));
    tr.append(
      el('td', a.id),
      el('td', a.applicantName),
      el('td', a.unitName, 'wrap'),
      el('td', a.divisionName || '—'),
      el('td', a.categoryName),
      el('td', `${a.series} · ${a.specialty}`),
      el('td', a.levelLabel),
      el('td', a.stateLabel),
      el('td', a.step || '—'),
      deadline,
      el('td', a.submittedText),
    );
    return tr;
  }

  async function loadList() {
    const list = await api(`applications?${query({ page: view.page, pageSize: view.pageSize })}`);
    view.pages = list.pages;
    const body = $('rows').tBodies[0];
    body.replaceChildren(...list.items.map(row));
    if (list.items.length === 0) body.append(emptyRow('没有符合条件的申报。', 11));
    $('summary').textContent = `共 ${list.total} 件`;
    $('page-info').textContent = `第 ${list.page} / ${list.pages} 页`;
    $('prev').disabled = list.page <= 1;
    $('next').disabled = list.page >= list.pages;
    $('export').href = `api/applications/export.xlsx${query() ? `?${query()}` : ''}`;
  }

  const PALETTE = ['#2f6fb3', '#b4232a', '#3c8d5a', '#d08a1e', '#7b4fa0', '#2a9d9d', '#8a8f96', '#c4577b'];

  function chart(id, type, items, label, value = (i) => i.n) {
    const canvas = $(id);
    const figure = canvas.closest('figure');
    figure.querySelector('.empty')?.remove();
    // A median of 0 working days is a value; a count of 0 everywhere is nothing to draw.
    const empty = label === '工作日' ? items.length === 0 : items.every((i) => !value(i));
    if (empty) figure.append(el('p', '暂无数据', 'empty'));
    const options = { responsive: true, maintainAspectRatio: false, animation: false, plugins: { legend: { display: type === 'doughnut', position: 'right' } } };
    if (type === 'bar') options.scales = { y: label === '工作日' ? { beginAtZero: true, suggestedMax: 5 } : { beginAtZero: true, ticks: { precision: 0 } } };
    charts.push(
      new window.Chart(canvas, {
        type,
        data: { labels: items.map((i) => i.label), datasets: [{ label, data: items.map(value), backgroundColor: type === 'doughnut' ? PALETTE : PALETTE[0], maxBarThickness: 56 }] },
        options,
      }),
    );
  }

  async function loadStatistics() {
    const s = await api('statistics');
    $('fig-waiting').textContent = String(s.waiting);
    $('fig-overdue').textContent = String(s.overdue);
    $('fig-handled').textContent = String(s.handled);
    window.Chart.defaults.font.family = '"Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';
    for (const c of charts.splice(0)) c.destroy();
    chart('chart-state', 'bar', s.byState, '件数');
    chart('chart-level', 'doughnut', s.byLevel, '件数');
    chart('chart-overdue', 'doughnut', [{ label: '未超期', n: s.waiting - s.overdue }, { label: '已超期', n: s.overdue }], '件数');
    chart('chart-division', 'bar', s.byDivision, '件数');
    const days = s.workingDaysPerLevel.map((t) => ({ ...t, label: `${t.label}（${t.decisions} 件）` }));
    chart('chart-days', 'bar', days, '工作日', (t) => t.medianWorkingDays);
  }

  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  async function followPrint(id) {
    const progress = $('print-progress');
    const status = $('print-status');
    const link = $('print-pdf');
    progress.hidden = false;
    for (;;) {
      const job = await api(`print-jobs/${encodeURIComponent(id)}`);
      progress.max = Math.max(1, job.progress.total);
      progress.value = job.progress.done;
      status.textContent = `已处理 ${job.progress.done} / ${job.progress.total} 份`;
      if (job.state === 'failed') {
        status.textContent = `打印失败：${job.error || '原因不明'}`;
        return;
      }
      if (job.state === 'done') {
        const skipped = job.skipped.length ? `，${job.skipped.length} 份尚无该文件，未打印` : '';
        if (job.pages) {
          status.textContent = `打印完成：共 ${job.pages} 页${skipped}`;
          link.href = `api/print-jobs/${encodeURIComponent(job.id)}/pdf`;
          link.hidden = false;
        } else {
          status.textContent = `所选申报没有可打印的文件${skipped}`;
        }
        return;
      }
      await sleep(1000);
    }
  }

  async function print() {
    const button = $('print');
    button.disabled = true;
    $('print-pdf').hidden = true;
    $('print-status').textContent = '正在准备…';
    try {
      let job;
      try {
        job = await api('print-jobs', { method: 'POST', body: JSON.stringify({ ...view.filters, document: $('print-document').value }) });
      } catch (error) {
        // One print at a time per office: follow the one already running.
        if (!(error instanceof RequestError && error.status === 409 && error.body && error.body.job)) throw error;
        job = error.body.job;
      }
      await followPrint(job.id);
    } catch (error) {
      $('print-status').textContent = error.message;
    } finally {
      button.disabled = false;
    }
  }

  /** A committee's meetings: recorded once here (day, members, those present), chosen in each applicant's vote task. */
  async function loadMeetings() {
    const m = await api('meetings');
    const need = Math.ceil((m.committee.members * m.quorum.numerator) / m.quorum.denominator);
    $('meetings-rule').textContent = `${m.committee.name}：每次评审会议只登记一次（日期、委员总数、出席人数），各申报人的表决在 Tasklist 的“组织评审”任务中选择该会议后填写。出席委员须达到委员总数的 ${m.quorum.numerator}/${m.quorum.denominator}（委员 ${m.committee.members} 人时至少 ${need} 人）。`;
    const meetingForm = $('meeting-form');
    if (!meetingForm.elements.namedItem('members').value) meetingForm.elements.namedItem('members').value = String(m.committee.members);
    meetingForm.elements.namedItem('date').max = m.today;
    if (!meetingForm.elements.namedItem('date').value) meetingForm.elements.namedItem('date').value = m.today;
    const body = $('meeting-rows').tBodies[0];
    body.replaceChildren(
      ...m.meetings.map((x) => {
        const tr = el('tr');
        tr.dataset.meeting = x.id;
        tr.append(el('td', x.label), el('td', x.members), el('td', x.present), el('td', `${x.votes} 人`), el('td', x.recordedBy), el('td', x.recordedAt));
        return tr;
      }),
    );
    if (m.meetings.length === 0) body.append(emptyRow('尚未登记评审会议。', 6));
  }

  async function recordMeeting(event) {
    event.preventDefault();
    const meetingForm = $('meeting-form');
    const status = $('meeting-status');
    const data = Object.fromEntries(new FormData(meetingForm).entries());
    status.textContent = '正在登记…';
    try {
      const meeting = await api('meetings', { method: 'POST', body: JSON.stringify({ date: data.date, members: Number(data.members), present: Number(data.present) }) });
      await loadMeetings();
      status.textContent = `已登记：${meeting.label}`;
    } catch (error) {
      status.textContent = error.message;
    }
  }

  async function start() {
    const office = await api('office');
    $('office-name').textContent = office.officeName;
    $('office-id').textContent = office.office;
    $('who').textContent = `当前用户：${office.user}${office.admin ? '（管理员）' : ''}`;
    document.title = `${office.officeName} · 职称评审单位工作台`;
    fillSelect('state', office.states);
    fillSelect('level', office.levels);
    fillSelect('category', office.categories);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      readFilters();
      view.page = 1;
      loadList().catch(showError);
    });
    form.addEventListener('reset', () =>
      setTimeout(() => {
        readFilters();
        view.page = 1;
        loadList().catch(showError);
      }),
    );
    $('prev').addEventListener('click', () => {
      view.page = Math.max(1, view.page - 1);
      loadList().catch(showError);
    });
    $('next').addEventListener('click', () => {
      view.page = Math.min(view.pages, view.page + 1);
      loadList().catch(showError);
    });
    $('print').addEventListener('click', () => void print());
    const loads = [loadList(), loadStatistics()];
    if (office.committee) {
      $('meetings').hidden = false;
      $('meeting-form').addEventListener('submit', (event) => void recordMeeting(event));
      loads.push(loadMeetings());
    }
    await Promise.all(loads);
    document.body.dataset.ready = 'true';
  }

  start().catch(showError);
})();
