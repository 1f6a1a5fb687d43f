package dev.heed.constraints;

/** Hard constraints are checked by a program; soft ones need judgement (a trained classifier). */
public enum ConstraintKind { HARD, SOFT }
