package dev.cadbridge.doctor;

/** One printed line of {@code /cad doctor}: the check's label and what it found. */
public record DoctorLine(String label, CheckResult result) {}
