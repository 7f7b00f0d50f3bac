/**
 * One 项目支出绩效目标表 in the 2021 template's wording (not the seeds'), with merged cells,
 * written as .docx (WordprocessingML) and .xlsx (exceljs, merged ranges): the importer must
 * read both into the same project. tests/fixtures/import/formats/ holds the .pdf and .doc made
 * from the .docx (see its README).
 */
import ExcelJS from 'exceljs';
import { makeDocx, type DocxCell } from './docx.ts';

/** A cell of the table: text, columns it spans, and rows it spans down. */
interface Cell {
  text: string;
  span?: number;
  down?: number;
}

const WIDTH = 7;

/** The table, row by row; cells covered by a merge above are left out of their row. */
export const TABLE: Cell[][] = [
  [{ text: '项目支出绩效目标表', span: 7 }],
  [{ text: '（2024年度）', span: 7 }],
  [{ text: '项目名称', span: 2 }, { text: '社区养老服务补贴', span: 5 }],
  [{ text: '主管部门', span: 2 }, { text: '示例县民政局', span: 2 }, '实施单位', { text: '示例县养老服务中心', span: 2 }].map(c),
  [{ text: '项目资金\n（万元）', span: 2, down: 3 }, { text: '年度资金总额：', span: 2 }, { text: '36.50', span: 3 }],
  [{ text: '其中：财政拨款', span: 2 }, { text: '36.50', span: 3 }],
  [{ text: '其他资金', span: 2 }, { text: '0.00', span: 3 }],
  [{ text: '年度目标', span: 2 }, { text: '为 300 名高龄老人提供居家养老服务。', span: 5 }],
  [{ text: '绩效指标', down: 7 }, '一级指标', '二级指标', '三级指标', '指标值', '权重', '备注'].map(c),
  [{ text: '产出指标', down: 3 }, '数量指标', '服务老人人数', '≥300人', '30', ''].map(c),
  ['质量指标', '服务合格率', '≥95%', '20', ''].map(c),
  ['时效指标', '补贴按月发放', '每月10日前', '10', '按月'].map(c),
  [{ text: '效益指标', down: 2 }, '社会效益指标', '高龄老人生活质量', '明显改善', '20', ''].map(c),
  ['生态效益指标', '', '', '', ''].map(c),
  ['满意度指标', '服务对象满意度指标', '老人满意度', '≥90%', '20', ''].map(c),
];

/**
 * The table with one row the importer cannot read, after 年度目标: a merged blank in columns
 * 1–2 and a sentence in column 3 (sheet cell C9, Word table 1 row 9 column 3). The checked-in
 * `stray-row.pdf` is made from this table's .docx.
 */
export const TABLE_WITH_STRAY_ROW: Cell[][] = [...TABLE.slice(0, 8), [{ text: '', span: 2 }, { text: '另附测算明细表一份', span: 5 }], ...TABLE.slice(8)];

function c(x: string | Cell): Cell {
  return typeof x === 'string' ? { text: x } : x;
}

/** The rows as a full grid with every merge's position, for writers that need coordinates. */
function layout(table: Cell[][]): Array<Array<{ cell: Cell; row: number; col: number }>> {
  const covered = new Set<string>();
  return table.map((row, r) => {
    const out: Array<{ cell: Cell; row: number; col: number }> = [];
    let col = 0;
    for (const raw of row) {
      const cell = c(raw);
      while (covered.has(`${r}:${col}`)) col++;
      out.push({ cell, row: r, col });
      for (let dr = 0; dr < (cell.down ?? 1); dr++) for (let dc = 0; dc < (cell.span ?? 1); dc++) if (dr || dc) covered.add(`${r + dr}:${col + dc}`);
      col += cell.span ?? 1;
    }
    return out;
  });
}

export async function tableDocx(table = TABLE): Promise<Buffer> {
  const rows = layout(table);
  const down = new Map<number, { rows: number; span: number }>(); // column → rows still covered by a merge above
  const docRows = rows.map((row) => {
    const cells: Array<string | DocxCell> = [];
    let col = 0;
    const fill = (until: number) => {
      while (col < until) {
        const d = down.get(col);
        if (d && d.rows > 0) {
          d.rows--;
          cells.push({ text: '', merge: 'continue', ...(d.span > 1 ? { span: d.span } : {}) });
          col += d.span;
        } else col++;
      }
    };
    for (const { cell, col: at } of row) {
      fill(at);
      cells.push({ text: cell.text, ...(cell.span ? { span: cell.span } : {}), ...(cell.down ? { merge: 'restart' as const } : {}) });
      if (cell.down) down.set(at, { rows: cell.down - 1, span: cell.span ?? 1 });
      col = at + (cell.span ?? 1);
    }
    fill(WIDTH);
    return cells;
  });
  // Landscape with fixed, ruled columns wide enough that no cell wraps (the .pdf is made from this).
  return makeDocx(['示例县民政局2024年项目支出绩效目标', docRows], { landscape: true, widths: [1400, 2000, 2400, 2400, 2600, 2200, 1800] });
}

export async function tableXlsx(table = TABLE): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('绩效目标表');
  for (const row of layout(table)) {
    for (const { cell, row: r, col } of row) {
      sheet.getCell(r + 1, col + 1).value = cell.text;
      if ((cell.span ?? 1) > 1 || (cell.down ?? 1) > 1) sheet.mergeCells(r + 1, col + 1, r + (cell.down ?? 1), col + (cell.span ?? 1));
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** What every format must import to: the printed columns and rows, the placeholder kept. */
export const EXPECTED = {
  name: '社区养老服务补贴',
  total: '36.50',
  amountUnit: '万元',
  columns: ['一级指标', '二级指标', '三级指标', '指标值', '权重', '备注'],
  rows: [
    '产出指标/数量指标/服务老人人数=≥300人',
    '产出指标/质量指标/服务合格率=≥95%',
    '产出指标/时效指标/补贴按月发放=每月10日前',
    '效益指标/社会效益指标/高龄老人生活质量=明显改善',
    '效益指标/生态效益指标/=',
    '满意度指标/服务对象满意度指标/老人满意度=≥90%',
  ],
  weights: ['30', '20', '10', '20', '', '20'],
};
