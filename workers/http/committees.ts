// /api/committees/{id}/reports/{date}: the committee's result report of a meeting day (评审结果报告,
// notice 三（八）): the results of that day's votes it reported to the provincial HR department, from
// the registry's report records, as a PDF (rendered and stored like every document) or, with
// Accept: application/json, its data.
import { Router } from 'express';
import { committeeReport, findCommittee, forClient, reportCallers } from '../applications/committee-report.js';
import { isIsoDate } from '../domain/time.js';
import type { ApiServices } from './deps.js';
import { clientOf } from './auth.js';
import { sendPdf } from './documents.js';
import { reportDownloadName } from '../documents/download-names.js';
import { engineDown } from './errors.js';

export function committeesRouter(deps: Pick<ApiServices, 'registry' | 'policies' | 'clock' | 'documents'>): Router {
  const router = Router();
  router.get('/:committeeId/reports/:date', async (req, res) => {
    const { committeeId, date } = req.params;
    if (!isIsoDate(date)) {
      return void res.status(400).json({ errors: [{ field: 'date', message: 'must be a date YYYY-MM-DD (the meeting day, Asia/Shanghai)' }] });
    }
    const committee = findCommittee(deps.policies, committeeId);
    if (!committee) {
      return void res.status(404).json({ errors: [{ field: 'committeeId', message: `no committee "${committeeId}" in the policies` }] });
    }
    try {
      const report = await committeeReport(deps, committee, date);
      if (!report) return void res.status(404).json({ errors: [{ field: 'date', message: `committee "${committeeId}" has reported no result of a meeting on ${date}` }] });
      if (req.accepts(['application/pdf', 'application/json']) === 'application/json') {
        return void res.json(forClient(report, await reportCallers(deps, committee.id, date), clientOf(res)));
      }
      const stored = await deps.documents.render('committee-report', report, deps.clock());
      await sendPdf(deps, res, stored.sha256, reportDownloadName(committee.name, committee.id, date));
    } catch (error) {
      engineDown(res, error);
    }
  });
  return router;
}
