/** What must accompany the mortality output wherever it is shown (SPEC §3.3). */
export const MORTALITY_CAVEAT =
  'This output was trained only on a Chagas-cardiomyopathy cohort (SaMi-Trop, Brazil) and is not a general-population ' +
  "mortality risk. It predicts death within about 2 years in that cohort; the authors' test folds held about 10 deaths " +
  'each, and the score is uncalibrated.';
