package cn.gov.jl.hrss.titlereview.engine;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Starts the embedded process engine (Operaton, or Camunda 7 with -Pcamunda7) with its REST API and web apps. */
@SpringBootApplication
public class EngineApplication {
  public static void main(String[] args) {
    SpringApplication.run(EngineApplication.class, args);
  }
}
