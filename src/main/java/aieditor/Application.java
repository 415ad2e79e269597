package aieditor;
public class Application { public static void main(String[] a) {} }
