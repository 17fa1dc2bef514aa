/**
 * The fixture's `/v1/files` and `/v1/fine_tuning/jobs` state: uploaded files are kept (so tests can
 * read the JSONL that was uploaded) and a job moves queued → running → succeeded over polls.
 */
export interface UploadedPart {
  filename: string;
  purpose: string;
  content: string;
}

/** Minimal multipart/form-data parser: the `file` part and the `purpose` field. */
export function parseMultipart(raw: string, contentType: string): UploadedPart {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const marker = boundary ? `--${boundary[1] ?? boundary[2]}` : undefined;
  const out: UploadedPart = { filename: 'upload', purpose: '', content: '' };
  if (!marker) return out;
  for (const part of raw.split(marker)) {
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd < 0) continue;
    const head = part.slice(0, headerEnd);
    const body = part.slice(headerEnd + 4).replace(/\r\n$/, '');
    const name = /name="([^"]*)"/.exec(head)?.[1];
    const filename = /filename="([^"]*)"/.exec(head)?.[1];
    if (name === 'purpose') out.purpose = body;
    if (name === 'file') {
      out.content = body;
      out.filename = filename ?? out.filename;
    }
  }
  return out;
}

interface Job {
  id: string;
  object: 'fine_tuning.job';
  model: string;
  training_file: string;
  validation_file: string | null;
  status: 'queued' | 'running' | 'succeeded';
  fine_tuned_model: string | null;
  created_at: number;
  finished_at: number | null;
  suffix: string | null;
  polls: number;
}

export function createFineTuneStore() {
  const files = new Map<string, UploadedPart & { id: string }>();
  const jobs = new Map<string, Job>();
  const view = (job: Job) => {
    const { polls, ...rest } = job;
    void polls;
    return { ...rest, error: null, hyperparameters: { n_epochs: 'auto' }, organization_id: 'org-fixture', result_files: [], seed: 0, trained_tokens: null, estimated_finish: null, integrations: [] };
  };
  return {
    files,
    addFile(part: UploadedPart) {
      const id = `file-${files.size + 1}`;
      files.set(id, { ...part, id });
      return { id, object: 'file', bytes: Buffer.byteLength(part.content), created_at: Math.floor(Date.now() / 1000), filename: part.filename, purpose: part.purpose, status: 'processed' };
    },
    createJob(body: Record<string, unknown>) {
      const id = `ftjob-${jobs.size + 1}`;
      const job: Job = {
        id, object: 'fine_tuning.job', model: String(body.model ?? 'gpt-4o-mini'),
        training_file: String(body.training_file ?? ''),
        validation_file: typeof body.validation_file === 'string' ? body.validation_file : null,
        status: 'queued', fine_tuned_model: null, created_at: Math.floor(Date.now() / 1000), finished_at: null,
        suffix: typeof body.suffix === 'string' ? body.suffix : null, polls: 0,
      };
      jobs.set(id, job);
      return view(job);
    },
    /** Each GET advances the job one step: queued → running → succeeded. */
    poll(id: string) {
      const job = jobs.get(id);
      if (!job) return undefined;
      job.polls += 1;
      if (job.status === 'queued') job.status = 'running';
      else if (job.status === 'running') {
        job.status = 'succeeded';
        job.finished_at = Math.floor(Date.now() / 1000);
        job.fine_tuned_model = `ft:${job.model}:groundwork${job.suffix ? `:${job.suffix}` : ''}:${id}`;
      }
      return view(job);
    },
  };
}
