      *> A COBOL case system calling Tenet through its C API: the case
      *> record of a Weld County family is written as JSON, evaluated
      *> against the Weld ruleset, and the decisions are DISPLAYed.
      *>
      *> Usage: weldcase RULESET
      *> Built with cobc -fstatic-call, so the linker binds the calls.
      *> C strings are passed NUL-terminated (X"00"), handles are
      *> POINTERs, ints are BINARY-LONG and int64s BINARY-DOUBLE, all
      *> BY VALUE; out-parameters are BY REFERENCE.
       IDENTIFICATION DIVISION.
       PROGRAM-ID. WELDCASE.

       DATA DIVISION.
       WORKING-STORAGE SECTION.
      *> The case as the legacy system keeps it.
       01  CASE-RECORD.
           05  CR-AS-OF              PIC X(10) VALUE "1999-06-01".
           05  CR-SIZE               PIC 9(2)  VALUE 3.
           05  CR-FAMILY-TYPE        PIC X(13) VALUE "single_parent".
           05  CR-GROSS-INCOME       PIC 9(7)V99 VALUE 900.00.
           05  CR-RESOURCES          PIC 9(7)V99 VALUE 1500.00.
           05  CR-CASH-GRANT         PIC 9(7)V99 VALUE 303.00.
           05  CR-FOOD-STAMPS        PIC 9(7)V99 VALUE 250.00.
           05  CR-CARETAKER-AGE      PIC 9(3)  VALUE 28.
           05  CR-WEEKLY-HOURS       PIC 9(3)V9 VALUE 25.0.
           05  CR-HOURLY-WAGE        PIC 9(3)V99 VALUE 5.15.
           05  CR-CHILD-AGE-MONTHS   PIC 9(3)  VALUE 30.
           05  CR-CARE-DAYS          PIC 9(2)  VALUE 20.

      *> Edited pictures: the JSON text of the numbers.
       01  ED-MONEY                  PIC Z(6)9.99.
       01  ED-COUNT                  PIC Z(2)9.
       01  ED-HOURS                  PIC Z(2)9.9.

       01  RULESET-ARG               PIC X(1024).
       01  RULESET-PATH              PIC X(1025).
       01  CASE-JSON                 PIC X(4000).
       01  JSON-POS                  USAGE BINARY-LONG.
       01  JSON-LENGTH               USAGE BINARY-DOUBLE.

       01  RULES                     USAGE POINTER.
       01  CTX                       USAGE POINTER.
       01  NO-POINTER                USAGE POINTER VALUE NULL.
       01  RESULT-PTR                USAGE POINTER.
       01  TEXT-PTR                  USAGE POINTER.
       01  TEXT-LENGTH               USAGE BINARY-DOUBLE.
       01  RC                        USAGE BINARY-LONG.
       01  DECISION-STATE            USAGE BINARY-LONG.
      *> Every CALL sets RETURN-CODE, even of a void C function: the
      *> program's status is kept here and moved there just before
      *> STOP RUN.
       01  EXIT-STATUS               USAGE BINARY-LONG VALUE 0.
       01  NO-FLAGS                  USAGE BINARY-LONG VALUE 0.
       01  NO-WARNINGS               USAGE BINARY-LONG VALUE 1.
       01  ALL-DECISIONS             USAGE BINARY-LONG VALUE 0.

       01  DECISION-NAMES.
           05  FILLER PIC X(32) VALUE "eligible".
           05  FILLER PIC X(32) VALUE "adjusted_grant".
           05  FILLER PIC X(32) VALUE "sanction_level".
           05  FILLER PIC X(32) VALUE "required_weekly_hours".
           05  FILLER PIC X(32) VALUE "meets_required_hours".
           05  FILLER PIC X(32) VALUE "work_exempt".
           05  FILLER PIC X(32) VALUE "work_activity_monthly_hours".
           05  FILLER PIC X(32) VALUE "child_care_income_limit".
           05  FILLER PIC X(32) VALUE "child_care_monthly_cost".
           05  FILLER PIC X(32) VALUE "exemption_redetermine_by".
       01  DECISION-TABLE REDEFINES DECISION-NAMES.
           05  DECISION-NAME PIC X(32) OCCURS 10 TIMES.
       01  DECISION-INDEX            PIC 9(2).
       01  NAME-Z                    PIC X(33).

       LINKAGE SECTION.
       01  C-TEXT                    PIC X(65536).

       PROCEDURE DIVISION.
       MAIN-PARAGRAPH.
           DISPLAY 1 UPON ARGUMENT-NUMBER
           ACCEPT RULESET-ARG FROM ARGUMENT-VALUE
           IF RULESET-ARG = SPACES
               DISPLAY "usage: weldcase RULESET" UPON SYSERR
               MOVE 2 TO RETURN-CODE
               STOP RUN
           END-IF
           STRING FUNCTION TRIM(RULESET-ARG) DELIMITED BY SIZE
                  X"00" DELIMITED BY SIZE
               INTO RULESET-PATH
           END-STRING

           CALL "tenet_compile_file" USING
               BY REFERENCE RULESET-PATH
               BY VALUE NO-WARNINGS
               BY REFERENCE RULES
               RETURNING RC
           END-CALL
           IF RC NOT = 0
               CALL "tenet_ruleset_errmsg" USING BY VALUE RULES
                   RETURNING TEXT-PTR
               END-CALL
               PERFORM DISPLAY-C-TEXT
               CALL "tenet_ruleset_free" USING BY VALUE RULES
               MOVE 2 TO RETURN-CODE
               STOP RUN
           END-IF
           CALL "tenet_context_new" USING
               BY VALUE RULES
               BY REFERENCE CTX
               RETURNING RC
           END-CALL
           IF RC NOT = 0
               DISPLAY "no evaluation context, code " RC UPON SYSERR
               CALL "tenet_ruleset_free" USING BY VALUE RULES
               MOVE 2 TO RETURN-CODE
               STOP RUN
           END-IF

           PERFORM BUILD-CASE-JSON
           CALL "tenet_evaluate_json" USING
               BY VALUE CTX
               BY REFERENCE CASE-JSON
               BY VALUE JSON-LENGTH
               BY VALUE NO-FLAGS
               BY VALUE NO-POINTER
               BY VALUE ALL-DECISIONS
               BY REFERENCE RESULT-PTR
               BY VALUE NO-POINTER
               RETURNING RC
           END-CALL
           IF RC NOT = 0
               CALL "tenet_errmsg" USING BY VALUE CTX
                   RETURNING TEXT-PTR
               END-CALL
               DISPLAY "the case was refused:" UPON SYSERR
               PERFORM DISPLAY-C-TEXT
               MOVE 2 TO EXIT-STATUS
           ELSE
               DISPLAY "Weld County decisions for the case of "
                       CR-AS-OF ":"
               PERFORM DISPLAY-DECISION
                   VARYING DECISION-INDEX FROM 1 BY 1
                   UNTIL DECISION-INDEX > 10
           END-IF

           CALL "tenet_context_free" USING BY VALUE CTX
           CALL "tenet_ruleset_free" USING BY VALUE RULES
           MOVE EXIT-STATUS TO RETURN-CODE
           STOP RUN.

      *> The case record as the JSON of CONTRACT.md section 2.
       BUILD-CASE-JSON.
           MOVE SPACES TO CASE-JSON
           MOVE 1 TO JSON-POS
           STRING '{"as_of":"' CR-AS-OF '","household":{"size":'
               DELIMITED BY SIZE INTO CASE-JSON WITH POINTER JSON-POS
           MOVE CR-SIZE TO ED-COUNT
           STRING FUNCTION TRIM(ED-COUNT) ',"family_type":"'
                  FUNCTION TRIM(CR-FAMILY-TYPE)
                  '","monthly_gross_income":"'
               DELIMITED BY SIZE INTO CASE-JSON WITH POINTER JSON-POS
           MOVE CR-GROSS-INCOME TO ED-MONEY
           STRING FUNCTION TRIM(ED-MONEY) '","countable_resources":"'
               DELIMITED BY SIZE INTO CASE-JSON WITH POINTER JSON-POS
           MOVE CR-RESOURCES TO ED-MONEY
           STRING FUNCTION TRIM(ED-MONEY)
                  '","income_under_1996_standard":true,'
                  '"monthly_basic_cash_grant":"'
               DELIMITED BY SIZE INTO CASE-JSON WITH POINTER JSON-POS
           MOVE CR-CASH-GRANT TO ED-MONEY
           STRING FUNCTION TRIM(ED-MONEY) '","monthly_food_stamps":"'
               DELIMITED BY SIZE INTO CASE-JSON WITH POINTER JSON-POS
           MOVE CR-FOOD-STAMPS TO ED-MONEY
           STRING FUNCTION TRIM(ED-MONEY)
                  '","monthly_other_cash":"0.00",'
                  '"child_care_available":true,'
                  '"remote_location":false,'
                  '"caring_for_incapacitated_member":false,'
                  '"work_sites_available":true,'
                  '"relative_caretaker_placement_risk":false},'
                  '"caretaker":{"age":'
               DELIMITED BY SIZE INTO CASE-JSON WITH POINTER JSON-POS
           MOVE CR-CARETAKER-AGE TO ED-COUNT
           STRING FUNCTION TRIM(ED-COUNT)
                  ',"is_parent":true,"married":false,'
                  '"lives_with_parent_or_guardian":false,'
                  '"abusive_home_referral":false,'
                  '"high_school_complete":true,'
                  '"in_school_or_ged":false,"fugitive_felon":false,'
                  '"parole_or_probation_violator":false,'
                  '"drug_rehabilitation":false,'
                  '"alien_federal_exception":false,'
                  '"weekly_work_hours":'
               DELIMITED BY SIZE INTO CASE-JSON WITH POINTER JSON-POS
           MOVE CR-WEEKLY-HOURS TO ED-HOURS
           STRING FUNCTION TRIM(ED-HOURS) ',"comparable_hourly_wage":"'
               DELIMITED BY SIZE INTO CASE-JSON WITH POINTER JSON-POS
           MOVE CR-HOURLY-WAGE TO ED-MONEY
           STRING FUNCTION TRIM(ED-MONEY) '"},'
                  '"history":{"sanction_episodes":[],'
                  '"job_refusals":[],"fraud_convictions":[],'
                  '"diversion_payments":[],"supportive_payments":[],'
                  '"retention_payments":[]},'
                  '"request":{"diversion_items":[],'
                  '"director_exception":false,'
                  '"supportive_amount":"0.00",'
                  '"supportive_kind":"participation",'
                  '"retention_amount":"0.00"},'
                  '"child_care":{"child_age_months":'
               DELIMITED BY SIZE INTO CASE-JSON WITH POINTER JSON-POS
           MOVE CR-CHILD-AGE-MONTHS TO ED-COUNT
           STRING FUNCTION TRIM(ED-COUNT)
                  ',"provider":"licensed_center","care":"regular",'
                  '"days":'
               DELIMITED BY SIZE INTO CASE-JSON WITH POINTER JSON-POS
           MOVE CR-CARE-DAYS TO ED-COUNT
           STRING FUNCTION TRIM(ED-COUNT) '}}'
               DELIMITED BY SIZE INTO CASE-JSON WITH POINTER JSON-POS
               ON OVERFLOW
                   DISPLAY "the case does not fit CASE-JSON" UPON SYSERR
                   MOVE 2 TO RETURN-CODE
                   STOP RUN
           END-STRING
           COMPUTE JSON-LENGTH = JSON-POS - 1.

      *> One decision: its JSON value, or why there is none.
       DISPLAY-DECISION.
           STRING FUNCTION TRIM(DECISION-NAME(DECISION-INDEX))
                  X"00" DELIMITED BY SIZE INTO NAME-Z
           CALL "tenet_decision_json" USING
               BY VALUE CTX
               BY REFERENCE NAME-Z
               RETURNING TEXT-PTR
           END-CALL
           IF TEXT-PTR = NULL
      *>       absent (1), unresolved (2) or failed (3): TENET_STATE_*
               CALL "tenet_decision_state" USING
                   BY VALUE CTX
                   BY REFERENCE NAME-Z
                   RETURNING DECISION-STATE
               END-CALL
               IF DECISION-STATE = 1
                   DISPLAY "  " DECISION-NAME(DECISION-INDEX)
                           " (absent)"
               ELSE
                   CALL "tenet_decision_message" USING
                       BY VALUE CTX
                       BY REFERENCE NAME-Z
                       RETURNING TEXT-PTR
                   END-CALL
                   PERFORM MEASURE-C-TEXT
                   IF DECISION-STATE = 2
                       DISPLAY "  " DECISION-NAME(DECISION-INDEX)
                               " (unresolved: "
                               C-TEXT(1:TEXT-LENGTH) ")"
                   ELSE
                       DISPLAY "  " DECISION-NAME(DECISION-INDEX)
                               " (failed: "
                               C-TEXT(1:TEXT-LENGTH) ")"
                   END-IF
               END-IF
           ELSE
               PERFORM MEASURE-C-TEXT
               DISPLAY "  " DECISION-NAME(DECISION-INDEX) " "
                       C-TEXT(1:TEXT-LENGTH)
           END-IF.

      *> A NUL-terminated C string from the library, on SYSERR.
       DISPLAY-C-TEXT.
           PERFORM MEASURE-C-TEXT
           IF TEXT-LENGTH > 0
               DISPLAY C-TEXT(1:TEXT-LENGTH) UPON SYSERR
           END-IF.

      *> Maps C-TEXT onto the C string at TEXT-PTR and counts its bytes
      *> up to the NUL, reading nothing beyond it.
       MEASURE-C-TEXT.
           SET ADDRESS OF C-TEXT TO TEXT-PTR
           PERFORM VARYING TEXT-LENGTH FROM 0 BY 1
               UNTIL TEXT-LENGTH = LENGTH OF C-TEXT
                  OR C-TEXT(TEXT-LENGTH + 1:1) = X"00"
               CONTINUE
           END-PERFORM.
