// The key-project pipeline (签约 → 挂网 → 交地 → 动工 → 投产 → 入库): how many projects stand at each
// stage with their planned and completed investment (亿元), how many have reached each stage, and the
// rates of 挂网, 交地, 动工 and 入库 among signed projects. Pure: plain properties in, plain JSON out.
//
// The rule (our choice, PRODUCT.md asks for "high rates" without defining them):
// - a project is counted when its `stage` is one of the six; every one of them is signed or later, so
//   the base of every rate is the number of counted projects (a project without a known stage is left
//   out and reported as `unstaged`);
// - a project has *reached* a stage when its current stage is that stage or a later one, or when the
//   stage's date (`listedOn` …) is set — a date records the step even if the stage was not moved on;
// - rate of a stage = reached ÷ counted, null when nothing is counted.
import { PROJECT_STAGES, type ProjectStage, STAGE_DATE_PROPERTY } from './layers.ts';

export interface StageFigures {
  stage: ProjectStage;
  /** Projects whose current stage is this one. */
  count: number;
  /** Σ investmentPlanned / investmentCompleted of those projects, 亿元. */
  plannedYi: number;
  completedYi: number;
  /** Projects that have reached this stage (current stage here or later, or the stage's date set). */
  reached: number;
}

export interface PipelineRate {
  stage: 'listed' | 'delivered' | 'started' | 'registered';
  reached: number;
  /** The base: projects signed or later. */
  of: number;
  /** reached ÷ of, null when of is 0. */
  rate: number | null;
}

export interface PipelineReport {
  stages: StageFigures[];
  /** Projects counted: signed or later. */
  signed: number;
  plannedYi: number;
  completedYi: number;
  rates: PipelineRate[];
  /** Projects left out: no stage, or one outside the vocabulary. */
  unstaged: number;
}

const RATE_STAGES = ['listed', 'delivered', 'started', 'registered'] as const;

const money = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

function stageIndex(value: unknown): number {
  return typeof value === 'string' ? PROJECT_STAGES.indexOf(value as ProjectStage) : -1;
}

function hasDate(value: unknown): boolean {
  return typeof value === 'string' && value !== '';
}

/** The pipeline report of a layer's project properties (one object per project). */
export function projectPipeline(projects: readonly (Record<string, unknown> | null)[]): PipelineReport {
  const stages: StageFigures[] = PROJECT_STAGES.map((stage) => ({
    stage,
    count: 0,
    plannedYi: 0,
    completedYi: 0,
    reached: 0,
  }));
  let unstaged = 0;
  for (const properties of projects) {
    const current = stageIndex(properties?.stage);
    if (!properties || current < 0) {
      unstaged++;
      continue;
    }
    const at = stages[current] as StageFigures;
    at.count++;
    at.plannedYi += money(properties.investmentPlanned);
    at.completedYi += money(properties.investmentCompleted);
    stages.forEach((figures, index) => {
      if (index <= current || hasDate(properties[STAGE_DATE_PROPERTY[figures.stage]])) figures.reached++;
    });
  }
  const signed = stages.reduce((sum, figures) => sum + figures.count, 0);
  const rates = RATE_STAGES.map((stage) => {
    const reached = (stages[PROJECT_STAGES.indexOf(stage)] as StageFigures).reached;
    return { stage, reached, of: signed, rate: signed > 0 ? reached / signed : null };
  });
  return {
    stages,
    signed,
    plannedYi: stages.reduce((sum, figures) => sum + figures.plannedYi, 0),
    completedYi: stages.reduce((sum, figures) => sum + figures.completedYi, 0),
    rates,
    unstaged,
  };
}
