package io.github.isce4j.cli;
public class Main { public static void main(String[] a) { } }
