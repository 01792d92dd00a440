// Every part of the `lab` API a cell can use: each module registers itself on import. The lesson
// kernel and the Gradebook's grading kernels load the same set.
import '../lib/lab/data';
import '../lib/lab/sql';
import '../lib/lab/nosql';
import '../lib/lab/bigdata';
import '../lib/lab/duck';
import '../lib/lab/ml';
import '../lib/lab/tracking';
import '../lib/lab/registry';
import '../lib/lab/pipeline';
import '../lib/lab/serving';
import '../lib/lab/app';
import '../lib/lab/monitoring';
import '../lib/lab/project';
import '../lib/lab/ci';
import '../lib/lab/export';
