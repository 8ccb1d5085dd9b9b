//! Go's text/tabwriter as etcdctl's help uses it (minwidth 0, tabwidth 8, padding 1,
//! padchar '\t'): cells end at tabs, columns are aligned per block of consecutive lines.

pub fn tabwrite(lines: &[String]) -> Vec<String> {
    let cells: Vec<Vec<&str>> = lines.iter().map(|l| l.split('\t').collect()).collect();
    // widths[line][col] = cell width for tab-terminated cells
    let mut widths: Vec<Vec<usize>> = cells
        .iter()
        .map(|c| vec![0; c.len().saturating_sub(1)])
        .collect();
    let max_cols = cells
        .iter()
        .map(|c| c.len().saturating_sub(1))
        .max()
        .unwrap_or(0);
    for col in 0..max_cols {
        let mut i = 0;
        while i < cells.len() {
            if cells[i].len().saturating_sub(1) <= col {
                i += 1;
                continue;
            }
            let start = i;
            let mut w = 0;
            while i < cells.len() && cells[i].len().saturating_sub(1) > col {
                w = w.max(cells[i][col].chars().count() + 1);
                i += 1;
            }
            let cellw = w.div_ceil(8) * 8;
            for row in widths.iter_mut().take(i).skip(start) {
                row[col] = cellw;
            }
        }
    }
    cells
        .iter()
        .zip(&widths)
        .map(|(c, w)| {
            let mut s = String::new();
            for (j, cell) in c.iter().enumerate() {
                s.push_str(cell);
                if j < w.len() {
                    let n = w[j].saturating_sub(cell.chars().count());
                    s.push_str(&"\t".repeat(n.div_ceil(8)));
                }
            }
            s
        })
        .collect()
}
